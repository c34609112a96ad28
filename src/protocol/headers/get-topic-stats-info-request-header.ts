/**
 * GetTopicStatsInfoRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_TOPIC_STATS_INFO (202).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetTopicStatsInfoRequestHeader = defineHeader('GetTopicStatsInfoRequestHeader', {
  topic: required('string'),
});
export type GetTopicStatsInfoRequestHeader = HeaderOf<typeof GetTopicStatsInfoRequestHeader.schema>;
