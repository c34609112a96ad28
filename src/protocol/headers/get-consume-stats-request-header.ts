/**
 * GetConsumeStatsRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_CONSUME_STATS (208).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | consumerGroup | string | yes | consumer group |
 * | topic | string | no | only this topic (all topics of the group if blank) |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const GetConsumeStatsRequestHeader = defineHeader('GetConsumeStatsRequestHeader', {
  consumerGroup: required('string'),
  topic: optional('string'),
});
export type GetConsumeStatsRequestHeader = HeaderOf<typeof GetConsumeStatsRequestHeader.schema>;
