/**
 * SearchOffsetResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of SEARCH_OFFSET_BY_TIMESTAMP (29).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | offset | long | yes | logical offset found |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const SearchOffsetResponseHeader = defineHeader('SearchOffsetResponseHeader', {
  offset: required('long'),
});
export type SearchOffsetResponseHeader = HeaderOf<typeof SearchOffsetResponseHeader.schema>;
