/**
 * UnregisterClientRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of UNREGISTER_CLIENT (35): one group per request. Note the capital ID
 * in clientID.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | clientID | string | yes | client id (ip@instance) |
 * | producerGroup | string | no | producer group to leave |
 * | consumerGroup | string | no | consumer group to leave |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const UnregisterClientRequestHeader = defineHeader('UnregisterClientRequestHeader', {
  clientID: required('string'),
  producerGroup: optional('string'),
  consumerGroup: optional('string'),
});
export type UnregisterClientRequestHeader = HeaderOf<typeof UnregisterClientRequestHeader.schema>;
