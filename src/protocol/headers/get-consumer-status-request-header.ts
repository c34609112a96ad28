/**
 * GetConsumerStatusRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_CONSUMER_STATUS_FROM_CLIENT (221) and
 * INVOKE_BROKER_TO_GET_CONSUMER_STATUS (223).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 * | group | string | yes | consumer group |
 * | clientAddr | string | no | only this client |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const GetConsumerStatusRequestHeader = defineHeader('GetConsumerStatusRequestHeader', {
  topic: required('string'),
  group: required('string'),
  clientAddr: optional('string'),
});
export type GetConsumerStatusRequestHeader = HeaderOf<typeof GetConsumerStatusRequestHeader.schema>;
