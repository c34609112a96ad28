/**
 * ResumeCheckHalfMessageRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of RESUME_CHECK_HALF_MESSAGE (323).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | msgId | string | no | message id of the half message |
 */
import { defineHeader, optional, type HeaderOf } from './header-codec.js';

export const ResumeCheckHalfMessageRequestHeader = defineHeader('ResumeCheckHalfMessageRequestHeader', {
  msgId: optional('string'),
});
export type ResumeCheckHalfMessageRequestHeader = HeaderOf<typeof ResumeCheckHalfMessageRequestHeader.schema>;
