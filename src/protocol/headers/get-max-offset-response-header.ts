/**
 * GetMaxOffsetResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of GET_MAX_OFFSET (30).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | offset | long | yes | max logical offset (next to be written) |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetMaxOffsetResponseHeader = defineHeader('GetMaxOffsetResponseHeader', {
  offset: required('long'),
});
export type GetMaxOffsetResponseHeader = HeaderOf<typeof GetMaxOffsetResponseHeader.schema>;
