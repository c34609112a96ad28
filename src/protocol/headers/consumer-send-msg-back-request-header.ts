/**
 * ConsumerSendMsgBackRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of CONSUMER_SEND_MSG_BACK (36): a consumer hands a failed message back
 * for retry.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | offset | long | yes | commit-log offset of the failed message |
 * | group | string | yes | consumer group |
 * | delayLevel | int | yes | 0 = broker decides, < 0 = straight to the DLQ |
 * | originMsgId | string | no | Java: UNIQ_KEY; ali-ons: offset message id |
 * | originTopic | string | no | topic the message came from |
 * | unitMode | boolean | no | unit mode; Java default false |
 * | maxReconsumeTimes | int | no | retry limit (16 by default) |
 * | bname | string | no | broker name the client believes it is talking to (Java >= 4.9.5) |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const ConsumerSendMsgBackRequestHeader = defineHeader('ConsumerSendMsgBackRequestHeader', {
  offset: required('long'),
  group: required('string'),
  delayLevel: required('int'),
  originMsgId: optional('string'),
  originTopic: optional('string'),
  unitMode: optional('boolean'),
  maxReconsumeTimes: optional('int'),
  bname: optional('string'),
});
export type ConsumerSendMsgBackRequestHeader = HeaderOf<typeof ConsumerSendMsgBackRequestHeader.schema>;
