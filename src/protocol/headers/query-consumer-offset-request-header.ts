/**
 * QueryConsumerOffsetRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of QUERY_CONSUMER_OFFSET (14).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | consumerGroup | string | yes | consumer group |
 * | topic | string | yes | topic |
 * | queueId | int | yes | queue id |
 * | bname | string | no | broker name the client believes it is talking to (Java >= 4.9.5) |
 * | setZeroIfNotFound | boolean | no | [5.x] answer 0 instead of QUERY_NOT_FOUND |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const QueryConsumerOffsetRequestHeader = defineHeader('QueryConsumerOffsetRequestHeader', {
  consumerGroup: required('string'),
  topic: required('string'),
  queueId: required('int'),
  bname: optional('string'),
  setZeroIfNotFound: optional('boolean'),
});
export type QueryConsumerOffsetRequestHeader = HeaderOf<typeof QueryConsumerOffsetRequestHeader.schema>;
