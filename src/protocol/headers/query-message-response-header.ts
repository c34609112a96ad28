/**
 * QueryMessageResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of QUERY_MESSAGE (12).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | indexLastUpdateTimestamp | long | yes | last index update time, ms |
 * | indexLastUpdatePhyoffset | long | yes | commit-log offset the index covers |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const QueryMessageResponseHeader = defineHeader('QueryMessageResponseHeader', {
  indexLastUpdateTimestamp: required('long'),
  indexLastUpdatePhyoffset: required('long'),
});
export type QueryMessageResponseHeader = HeaderOf<typeof QueryMessageResponseHeader.schema>;
