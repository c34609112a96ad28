/**
 * Where a consumer starts reading a queue it was just given (Java
 * `RebalancePushImpl.computePullFromWhereWithException`):
 *
 *   the group has an offset stored (broker or local file)  → that offset
 *   none stored (-1), by consumeFromWhere:
 *     CONSUME_FROM_LAST_OFFSET (and the deprecated MIN/MAX/…_WHEN_BOOT_FIRST)
 *                              → %RETRY% topic: 0; else the queue's max offset
 *     CONSUME_FROM_FIRST_OFFSET → 0
 *     CONSUME_FROM_TIMESTAMP    → %RETRY% topic: the max offset; else the offset of
 *                                 `consumeTimestamp` (yyyyMMddHHmmss, local time)
 *   the store could not be asked (-2) → -1: skip the queue until the next rebalance
 *
 * A failing max/search look-up throws (the queue is skipped this round, as in Java).
 */
import type { ConsumeFromWhere } from '../../protocol/bodies/heartbeat-data.js';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { MQClientError } from '../errors.js';
import { RETRY_GROUP_TOPIC_PREFIX } from '../validators.js';
import type { OffsetStore } from './offset-store/offset-store.js';

export interface OffsetLookups {
  maxOffset(mq: MessageQueue): Promise<number>;
  searchOffset(mq: MessageQueue, timestamp: number): Promise<number>;
}

export interface StartPosition {
  consumeFromWhere: ConsumeFromWhere;
  consumeTimestamp: string;
}

export async function computePullFromWhere(mq: MessageQueue, start: StartPosition, offsetStore: OffsetStore, lookups: OffsetLookups): Promise<number> {
  const stored = await offsetStore.readOffset(mq, 'READ_FROM_STORE');
  if (stored >= 0) return stored;
  if (stored !== -1) return -1;
  const retryTopic = mq.topic.startsWith(RETRY_GROUP_TOPIC_PREFIX);
  switch (start.consumeFromWhere) {
    case 'CONSUME_FROM_FIRST_OFFSET':
      return 0;
    case 'CONSUME_FROM_TIMESTAMP':
      if (retryTopic) return lookups.maxOffset(mq);
      return lookups.searchOffset(mq, parseConsumeTimestamp(start.consumeTimestamp));
    default:
      return retryTopic ? 0 : lookups.maxOffset(mq);
  }
}

const TIMESTAMP_PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Epoch ms of a `yyyyMMddHHmmss` local time; CLIENT_ILLEGAL_ARGUMENT when it is not one. */
export function parseConsumeTimestamp(text: string): number {
  const match = TIMESTAMP_PATTERN.exec(text);
  const [, year, month, day, hour, minute, second] = match ?? [];
  const date = new Date(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  if (match === null || Number.isNaN(date.getTime()) || formatConsumeTimestamp(date.getTime()) !== text) {
    throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `consumeTimestamp is invalid, the valid format is yyyyMMddHHmmss,but received ${text}`);
  }
  return date.getTime();
}

/** `yyyyMMddHHmmss` of an epoch ms, in local time (Java UtilAll.timeMillisToHumanString3). */
export function formatConsumeTimestamp(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}
