/**
 * ReplyMessageRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of PUSH_REPLY_MESSAGE_TO_CLIENT (326): the broker pushes a reply
 * message to the requesting client.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | producerGroup | string | yes | producer group |
 * | topic | string | yes | reply topic |
 * | defaultTopic | string | yes | template topic |
 * | defaultTopicQueueNums | int | yes | queue count for auto-creation |
 * | queueId | int | yes | queue id |
 * | sysFlag | int | yes | message sysFlag |
 * | bornTimestamp | long | yes | born time, ms |
 * | flag | int | yes | user flag |
 * | properties | string | no | encoded message properties |
 * | reconsumeTimes | int | no | reconsume times |
 * | unitMode | boolean | no | unit mode; Java default false |
 * | bornHost | string | yes | ip:port of the replying producer |
 * | storeHost | string | yes | ip:port of the broker |
 * | storeTimestamp | long | yes | store time, ms |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const ReplyMessageRequestHeader = defineHeader('ReplyMessageRequestHeader', {
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
  bornHost: required('string'),
  storeHost: required('string'),
  storeTimestamp: required('long'),
});
export type ReplyMessageRequestHeader = HeaderOf<typeof ReplyMessageRequestHeader.schema>;
