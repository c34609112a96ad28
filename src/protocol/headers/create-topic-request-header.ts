/**
 * CreateTopicRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of UPDATE_AND_CREATE_TOPIC (17).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 * | defaultTopic | string | yes | template topic |
 * | readQueueNums | int | yes | read queue count |
 * | writeQueueNums | int | yes | write queue count |
 * | perm | int | yes | permission bits (2 write, 4 read, 1 inherit) |
 * | topicFilterType | string | yes | SINGLE_TAG / MULTI_TAG |
 * | topicSysFlag | int | no | topic sysFlag |
 * | order | boolean | yes | ordered topic |
 * | attributes | string | no | [5.x] attributes as JSON map text |
 * | force | boolean | no | [5.x] force the update |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const CreateTopicRequestHeader = defineHeader('CreateTopicRequestHeader', {
  topic: required('string'),
  defaultTopic: required('string'),
  readQueueNums: required('int'),
  writeQueueNums: required('int'),
  perm: required('int'),
  topicFilterType: required('string'),
  topicSysFlag: optional('int'),
  order: required('boolean'),
  attributes: optional('string'),
  force: optional('boolean'),
});
export type CreateTopicRequestHeader = HeaderOf<typeof CreateTopicRequestHeader.schema>;
