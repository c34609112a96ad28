/**
 * QueryDataVersionResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of QUERY_DATA_VERSION (322).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | changed | boolean | yes | the name server's copy differs: the broker should register |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const QueryDataVersionResponseHeader = defineHeader('QueryDataVersionResponseHeader', {
  changed: required('boolean'),
});
export type QueryDataVersionResponseHeader = HeaderOf<typeof QueryDataVersionResponseHeader.schema>;
