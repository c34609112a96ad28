/**
 * The answer of a pull from the store's GetMessageStatus (RocketMQ 4.9.8
 * PullMessageProcessor on a master, §6.3 of the protocol notes):
 *
 *   FOUND                                    → 0  SUCCESS, body = the records as stored
 *   NO_MATCHED_MESSAGE, MESSAGE_WAS_REMOVING → 20 PULL_RETRY_IMMEDIATELY
 *   OFFSET_OVERFLOW_ONE, OFFSET_FOUND_NULL   → 19 PULL_NOT_FOUND (the pull may be parked)
 *   NO_MESSAGE_IN_QUEUE, NO_MATCHED_LOGIC_QUEUE → 19 when the request's offset is 0, else 21
 *   OFFSET_TOO_SMALL, OFFSET_OVERFLOW_BADLY  → 21 PULL_OFFSET_MOVED
 *
 * The remark is the status name — NO_MESSAGE_IN_QUEUE for a queue never written (4.9.8's
 * store creates a missing consume queue when it is read, so its pulls never see
 * NO_MATCHED_LOGIC_QUEUE); the header always has suggestWhichBrokerId (0: keep
 * pulling from the master — this broker has no slave reads), nextBeginOffset, minOffset
 * and maxOffset, as the clients need all four on 0/19/20/21.
 */
import { PullMessageResponseHeader } from '../../protocol/headers/pull-message-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { ExtFields } from '../../remoting/remoting-command.js';
import type { GetMessageResult, GetMessageStatus } from '../../store/message-store.js';

const MASTER_ID = 0;

export function pullResponseCode(status: GetMessageStatus, requestOffset: number): number {
  switch (status) {
    case 'FOUND':
      return ResponseCode.SUCCESS;
    case 'NO_MATCHED_MESSAGE':
    case 'MESSAGE_WAS_REMOVING':
      return ResponseCode.PULL_RETRY_IMMEDIATELY;
    case 'OFFSET_OVERFLOW_ONE':
    case 'OFFSET_FOUND_NULL':
      return ResponseCode.PULL_NOT_FOUND;
    case 'NO_MESSAGE_IN_QUEUE':
    case 'NO_MATCHED_LOGIC_QUEUE':
      return requestOffset === 0 ? ResponseCode.PULL_NOT_FOUND : ResponseCode.PULL_OFFSET_MOVED;
    case 'OFFSET_TOO_SMALL':
    case 'OFFSET_OVERFLOW_BADLY':
      return ResponseCode.PULL_OFFSET_MOVED;
  }
}

/** The remark of a pull: the store status as a 4.9.8 master names it. */
export function pullRemark(status: GetMessageStatus): string {
  return status === 'NO_MATCHED_LOGIC_QUEUE' ? 'NO_MESSAGE_IN_QUEUE' : status;
}

/** PullMessageResponseHeader of a store result. */
export function pullResponseHeader(result: GetMessageResult): ExtFields {
  return PullMessageResponseHeader.encode({
    suggestWhichBrokerId: MASTER_ID,
    nextBeginOffset: result.nextBeginOffset,
    minOffset: result.minOffset,
    maxOffset: result.maxOffset,
  });
}

/**
 * The records of a FOUND result as one body, never re-encoded: records the store read in
 * one piece (adjacent in the log) are sent as a view of that piece, others copied once.
 */
export function pullBody(records: readonly Buffer[]): Buffer | null {
  const first = records[0];
  if (first === undefined) return null;
  if (records.length === 1) return first;
  let length = first.length;
  for (let i = 1; i < records.length; i++) {
    const record = records[i] as Buffer;
    if (record.buffer !== first.buffer || record.byteOffset !== first.byteOffset + length) return Buffer.concat(records as Buffer[]);
    length += record.length;
  }
  return Buffer.from(first.buffer, first.byteOffset, length);
}
