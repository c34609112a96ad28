/**
 * QueryConsumeTimeSpanRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of QUERY_CONSUME_TIME_SPAN (303).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 * | group | string | yes | consumer group |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const QueryConsumeTimeSpanRequestHeader = defineHeader('QueryConsumeTimeSpanRequestHeader', {
  topic: required('string'),
  group: required('string'),
});
export type QueryConsumeTimeSpanRequestHeader = HeaderOf<typeof QueryConsumeTimeSpanRequestHeader.schema>;
