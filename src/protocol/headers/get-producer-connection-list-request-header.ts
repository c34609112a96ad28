/**
 * GetProducerConnectionListRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_PRODUCER_CONNECTION_LIST (204).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | producerGroup | string | yes | producer group |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetProducerConnectionListRequestHeader = defineHeader('GetProducerConnectionListRequestHeader', {
  producerGroup: required('string'),
});
export type GetProducerConnectionListRequestHeader = HeaderOf<typeof GetProducerConnectionListRequestHeader.schema>;
