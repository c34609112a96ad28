/**
 * GetConsumerListByGroupRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_CONSUMER_LIST_BY_GROUP (38); the answer is a JSON body.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | consumerGroup | string | yes | consumer group |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetConsumerListByGroupRequestHeader = defineHeader('GetConsumerListByGroupRequestHeader', {
  consumerGroup: required('string'),
});
export type GetConsumerListByGroupRequestHeader = HeaderOf<typeof GetConsumerListByGroupRequestHeader.schema>;
