/**
 * A stored record put again as a new message (Java builds a MessageExtBrokerInner from a
 * MessageExt the same way): the retry copy of a sent-back message, a delayed message when
 * it is due, a committed, re-checked or discarded transaction half message. The copy keeps
 * the record's flag, body (copied), properties (a fresh table), sysFlag, born time and
 * host, store host and reconsume times, with no prepared-transaction offset; each caller
 * then changes what its case changes.
 */
import type { MessageRecord } from '../protocol/message/message-record.js';
import { toMessageProperties } from '../protocol/message/properties.js';
import type { MessageToStore } from '../store/message-store.js';

export function copyOfRecord(record: MessageRecord, topic: string, queueId: number): MessageToStore {
  return {
    topic,
    queueId,
    flag: record.flag,
    body: Buffer.from(record.body),
    properties: toMessageProperties(record.properties),
    sysFlag: record.sysFlag,
    bornTimestamp: record.bornTimestamp,
    bornHost: record.bornHost,
    storeHost: record.storeHost,
    reconsumeTimes: record.reconsumeTimes,
    preparedTransactionOffset: 0,
  };
}
