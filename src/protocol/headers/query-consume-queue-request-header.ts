/**
 * QueryConsumeQueueRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of QUERY_CONSUME_QUEUE (321). The 4.9.8 class marks no field
 * @CFNotNull (its numbers are primitives that default to 0), so every field is optional
 * here.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | no | topic |
 * | queueId | int | no | queue id |
 * | index | long | no | first consume-queue index |
 * | count | int | no | entries to return |
 * | consumerGroup | string | no | evaluate the filter of this group |
 */
import { defineHeader, optional, type HeaderOf } from './header-codec.js';

export const QueryConsumeQueueRequestHeader = defineHeader('QueryConsumeQueueRequestHeader', {
  topic: optional('string'),
  queueId: optional('int'),
  index: optional('long'),
  count: optional('int'),
  consumerGroup: optional('string'),
});
export type QueryConsumeQueueRequestHeader = HeaderOf<typeof QueryConsumeQueueRequestHeader.schema>;
