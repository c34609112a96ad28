/**
 * PullResult: what a pull found (Java `PullResult` after `processPullResult`).
 *
 *   code 0  → FOUND          records decoded, bodies decompressed, then re-filtered by tag
 *                            (a FOUND pull may so end with an empty list)
 *   code 19 → NO_NEW_MSG     nothing after the offset (caught up)
 *   code 20 → NO_MATCHED_MSG every scanned message was filtered out
 *   code 21 → OFFSET_ILLEGAL the offset is outside [min, max]; use nextBeginOffset
 *
 * Each message gets the MIN_OFFSET / MAX_OFFSET properties of the answer and the broker
 * name it came from, as in Java.
 */
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import { decodeMessageRecords } from '../../protocol/message/message-record.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { PullAnswer } from '../api/pull-api.js';
import { messageExtOfRecord, type MessageExt } from '../message/message-ext.js';
import { tagMatches } from './subscription.js';

export type PullStatus = 'FOUND' | 'NO_NEW_MSG' | 'NO_MATCHED_MSG' | 'OFFSET_ILLEGAL';

export interface PullResult {
  pullStatus: PullStatus;
  nextBeginOffset: number;
  minOffset: number;
  maxOffset: number;
  msgFoundList: MessageExt[];
  /** The broker id the broker suggests to pull from next (0 = master). */
  suggestWhichBrokerId: number;
}

const STATUS_OF_CODE: ReadonlyMap<number, PullStatus> = new Map<number, PullStatus>([
  [ResponseCode.SUCCESS, 'FOUND'],
  [ResponseCode.PULL_NOT_FOUND, 'NO_NEW_MSG'],
  [ResponseCode.PULL_RETRY_IMMEDIATELY, 'NO_MATCHED_MSG'],
  [ResponseCode.PULL_OFFSET_MOVED, 'OFFSET_ILLEGAL'],
]);

export function pullResultOfAnswer(answer: PullAnswer, mq: MessageQueue, subscription: SubscriptionData): PullResult {
  const pullStatus = STATUS_OF_CODE.get(answer.code) ?? 'NO_MATCHED_MSG';
  const { nextBeginOffset, minOffset, maxOffset, suggestWhichBrokerId } = answer.header;
  const result: PullResult = { pullStatus, nextBeginOffset, minOffset, maxOffset, msgFoundList: [], suggestWhichBrokerId };
  if (pullStatus !== 'FOUND' || answer.body === null) return result;
  const minOffsetText = String(minOffset);
  const maxOffsetText = String(maxOffset);
  for (const record of decodeMessageRecords(answer.body)) {
    const message = messageExtOfRecord(record, mq.brokerName);
    if (!tagMatches(subscription, message.tags)) continue;
    message.properties[PropertyKey.MIN_OFFSET] = minOffsetText;
    message.properties[PropertyKey.MAX_OFFSET] = maxOffsetText;
    result.msgFoundList.push(message);
  }
  return result;
}
