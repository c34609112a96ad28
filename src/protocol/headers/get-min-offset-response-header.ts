/**
 * GetMinOffsetResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of GET_MIN_OFFSET (31).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | offset | long | yes | min logical offset |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetMinOffsetResponseHeader = defineHeader('GetMinOffsetResponseHeader', {
  offset: required('long'),
});
export type GetMinOffsetResponseHeader = HeaderOf<typeof GetMinOffsetResponseHeader.schema>;
