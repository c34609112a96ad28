/**
 * QueryCorrectionOffsetHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of QUERY_CORRECTION_OFFSET (308).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | filterGroups | string | no | comma-separated groups to leave out |
 * | compareGroup | string | yes | group to compare with |
 * | topic | string | yes | topic |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const QueryCorrectionOffsetHeader = defineHeader('QueryCorrectionOffsetHeader', {
  filterGroups: optional('string'),
  compareGroup: required('string'),
  topic: required('string'),
});
export type QueryCorrectionOffsetHeader = HeaderOf<typeof QueryCorrectionOffsetHeader.schema>;
