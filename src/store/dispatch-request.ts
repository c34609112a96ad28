/**
 * DispatchRequest: what the commit log tells the derived structures (consume queues and
 * the message index) about one stored record. Built when a record is appended and again,
 * from the bytes, when recovery re-reads the log; consume queues and indexes are built
 * from these alone, so both paths produce the same files.
 */
export interface DispatchRequest {
  topic: string;
  queueId: number;
  /** Commit-log offset of the record. */
  commitLogOffset: number;
  /** Size of the record in bytes. */
  msgSize: number;
  /**
   * The consume-queue tag code: Java `String.hashCode()` of TAGS (0 without a tag); for
   * SCHEDULE_TOPIC_XXXX the delivery time in ms.
   */
  tagsCode: number;
  storeTimestamp: number;
  /** The record's logical offset in its queue. */
  consumeQueueOffset: number;
  /** The KEYS property (space-separated keys), or '' when absent. */
  keys: string;
  /** The UNIQ_KEY property, or null when absent. */
  uniqKey: string | null;
  sysFlag: number;
  preparedTransactionOffset: number;
}
