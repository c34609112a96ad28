/**
 * UpdateConsumerOffsetRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of UPDATE_CONSUMER_OFFSET (15); its response header has no fields.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | consumerGroup | string | yes | consumer group |
 * | topic | string | yes | topic |
 * | queueId | int | yes | queue id |
 * | commitOffset | long | yes | offset to commit |
 * | bname | string | no | broker name the client believes it is talking to (Java >= 4.9.5) |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const UpdateConsumerOffsetRequestHeader = defineHeader('UpdateConsumerOffsetRequestHeader', {
  consumerGroup: required('string'),
  topic: required('string'),
  queueId: required('int'),
  commitOffset: required('long'),
  bname: optional('string'),
});
export type UpdateConsumerOffsetRequestHeader = HeaderOf<typeof UpdateConsumerOffsetRequestHeader.schema>;
