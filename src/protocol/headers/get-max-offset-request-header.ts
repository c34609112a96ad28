/**
 * GetMaxOffsetRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_MAX_OFFSET (30).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 * | queueId | int | yes | queue id |
 * | bname | string | no | broker name the client believes it is talking to (Java >= 4.9.5) |
 * | committed | boolean | no | [5.x] only committed data (default true) |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const GetMaxOffsetRequestHeader = defineHeader('GetMaxOffsetRequestHeader', {
  topic: required('string'),
  queueId: required('int'),
  bname: optional('string'),
  committed: optional('boolean'),
});
export type GetMaxOffsetRequestHeader = HeaderOf<typeof GetMaxOffsetRequestHeader.schema>;
