/**
 * ConsumeMessageDirectlyResultRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of CONSUME_MESSAGE_DIRECTLY (309); the body is the stored message.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | consumerGroup | string | yes | consumer group |
 * | clientId | string | no | client id |
 * | msgId | string | no | message id |
 * | brokerName | string | no | broker name |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const ConsumeMessageDirectlyResultRequestHeader = defineHeader('ConsumeMessageDirectlyResultRequestHeader', {
  consumerGroup: required('string'),
  clientId: optional('string'),
  msgId: optional('string'),
  brokerName: optional('string'),
});
export type ConsumeMessageDirectlyResultRequestHeader = HeaderOf<typeof ConsumeMessageDirectlyResultRequestHeader.schema>;
