/**
 * QueryTopicConsumeByWhoRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of QUERY_TOPIC_CONSUME_BY_WHO (300); the answer is a GroupList body.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const QueryTopicConsumeByWhoRequestHeader = defineHeader('QueryTopicConsumeByWhoRequestHeader', {
  topic: required('string'),
});
export type QueryTopicConsumeByWhoRequestHeader = HeaderOf<typeof QueryTopicConsumeByWhoRequestHeader.schema>;
