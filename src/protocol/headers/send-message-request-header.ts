/**
 * SendMessageRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of SEND_MESSAGE (10) and SEND_REPLY_MESSAGE (324), with the long key
 * names. Codes 310 / 320 / 325 carry the same fields under single-letter keys
 * (send-message-request-header-v2.ts).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | producerGroup | string | yes | producer group |
 * | topic | string | yes | target topic |
 * | defaultTopic | string | yes | template topic for auto-creation (TBW102) |
 * | defaultTopicQueueNums | int | yes | queue count when auto-creating (4) |
 * | queueId | int | yes | chosen queue; negative = broker picks one |
 * | sysFlag | int | yes | message sysFlag (compression, transaction type) |
 * | bornTimestamp | long | yes | client clock, ms |
 * | flag | int | yes | user flag, stored verbatim |
 * | properties | string | no | encoded message properties (name\u0001value\u0002) |
 * | reconsumeTimes | int | no | times consumed so far (retry topics) |
 * | unitMode | boolean | no | unit mode; Java default false |
 * | batch | boolean | no | true for a batch body; Java default false |
 * | maxReconsumeTimes | int | no | retry limit (retry topics only) |
 * | bname | string | no | broker name the client believes it is talking to (Java >= 4.9.5) |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const SendMessageRequestHeader = defineHeader('SendMessageRequestHeader', {
  producerGroup: required('string'),
  topic: required('string'),
  defaultTopic: required('string'),
  defaultTopicQueueNums: required('int'),
  queueId: required('int'),
  sysFlag: required('int'),
  bornTimestamp: required('long'),
  flag: required('int'),
  properties: optional('string'),
  reconsumeTimes: optional('int'),
  unitMode: optional('boolean'),
  batch: optional('boolean'),
  maxReconsumeTimes: optional('int'),
  bname: optional('string'),
});
export type SendMessageRequestHeader = HeaderOf<typeof SendMessageRequestHeader.schema>;
