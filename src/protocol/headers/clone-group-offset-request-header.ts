/**
 * CloneGroupOffsetRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of CLONE_GROUP_OFFSET (314).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | srcGroup | string | yes | source group |
 * | destGroup | string | yes | destination group |
 * | topic | string | no | only this topic |
 * | offline | boolean | no | source group is offline; Java default false |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const CloneGroupOffsetRequestHeader = defineHeader('CloneGroupOffsetRequestHeader', {
  srcGroup: required('string'),
  destGroup: required('string'),
  topic: optional('string'),
  offline: optional('boolean'),
});
export type CloneGroupOffsetRequestHeader = HeaderOf<typeof CloneGroupOffsetRequestHeader.schema>;
