/**
 * UpdateGlobalWhiteAddrsConfigRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of UPDATE_GLOBAL_WHITE_ADDRS_CONFIG (53).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | globalWhiteAddrs | string | yes | comma-separated addresses |
 * | aclFileFullPath | string | yes | ACL file to update |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const UpdateGlobalWhiteAddrsConfigRequestHeader = defineHeader('UpdateGlobalWhiteAddrsConfigRequestHeader', {
  globalWhiteAddrs: required('string'),
  aclFileFullPath: required('string'),
});
export type UpdateGlobalWhiteAddrsConfigRequestHeader = HeaderOf<typeof UpdateGlobalWhiteAddrsConfigRequestHeader.schema>;
