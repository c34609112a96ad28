/**
 * GetConsumerConnectionListRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_CONSUMER_CONNECTION_LIST (203).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | consumerGroup | string | yes | consumer group |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetConsumerConnectionListRequestHeader = defineHeader('GetConsumerConnectionListRequestHeader', {
  consumerGroup: required('string'),
});
export type GetConsumerConnectionListRequestHeader = HeaderOf<typeof GetConsumerConnectionListRequestHeader.schema>;
