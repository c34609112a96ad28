/**
 * CreateAccessConfigRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of UPDATE_AND_CREATE_ACL_CONFIG (50).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | accessKey | string | yes | access key |
 * | secretKey | string | no | secret key |
 * | whiteRemoteAddress | string | no | address whitelist |
 * | admin | boolean | no | admin account; Java default false |
 * | defaultTopicPerm | string | no | default topic permission |
 * | defaultGroupPerm | string | no | default group permission |
 * | topicPerms | string | no | topic=perm list |
 * | groupPerms | string | no | group=perm list |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const CreateAccessConfigRequestHeader = defineHeader('CreateAccessConfigRequestHeader', {
  accessKey: required('string'),
  secretKey: optional('string'),
  whiteRemoteAddress: optional('string'),
  admin: optional('boolean'),
  defaultTopicPerm: optional('string'),
  defaultGroupPerm: optional('string'),
  topicPerms: optional('string'),
  groupPerms: optional('string'),
});
export type CreateAccessConfigRequestHeader = HeaderOf<typeof CreateAccessConfigRequestHeader.schema>;
