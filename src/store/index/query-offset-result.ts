/**
 * What a key lookup in the message index returns (RocketMQ `QueryOffsetResult`): the
 * commit-log offsets found, newest file first, plus the newest file's end timestamp and
 * end offset, which the broker reports so a client knows how far the index reached.
 * `errors` lists damaged or unreadable files that the lookup skipped (partly or wholly).
 */
import type { RocketMQError } from '../../common/errors.js';

export interface QueryOffsetResult {
  readonly phyOffsets: number[];
  readonly indexLastUpdateTimestamp: number;
  readonly indexLastUpdatePhyoffset: number;
  readonly errors: readonly RocketMQError[];
}
