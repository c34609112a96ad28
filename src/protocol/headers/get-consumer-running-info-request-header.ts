/**
 * GetConsumerRunningInfoRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_CONSUMER_RUNNING_INFO (307), from an admin to the broker and
 * relayed by the broker to the client.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | consumerGroup | string | yes | consumer group |
 * | clientId | string | yes | client id |
 * | jstackEnable | boolean | no | include a thread dump; Java default false |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const GetConsumerRunningInfoRequestHeader = defineHeader('GetConsumerRunningInfoRequestHeader', {
  consumerGroup: required('string'),
  clientId: required('string'),
  jstackEnable: optional('boolean'),
});
export type GetConsumerRunningInfoRequestHeader = HeaderOf<typeof GetConsumerRunningInfoRequestHeader.schema>;
