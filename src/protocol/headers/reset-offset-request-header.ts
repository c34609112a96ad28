/**
 * ResetOffsetRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of RESET_CONSUMER_CLIENT_OFFSET (220, broker to client) and
 * INVOKE_BROKER_TO_RESET_OFFSET (222). The key is literally isForce.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 * | group | string | yes | consumer group |
 * | timestamp | long | yes | reset to this store time, ms; -1 = to the max offset |
 * | isForce | boolean | yes | also move offsets forward |
 * | queueId | int | no | [5.x] only this queue (-1 = all) |
 * | offset | long | no | [5.x] reset to this offset |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const ResetOffsetRequestHeader = defineHeader('ResetOffsetRequestHeader', {
  topic: required('string'),
  group: required('string'),
  timestamp: required('long'),
  isForce: required('boolean'),
  queueId: optional('int'),
  offset: optional('long'),
});
export type ResetOffsetRequestHeader = HeaderOf<typeof ResetOffsetRequestHeader.schema>;
