/**
 * GetConsumeStatsInBrokerHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_BROKER_CONSUME_STATS (317).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | isOrder | boolean | yes | only ordered groups |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetConsumeStatsInBrokerHeader = defineHeader('GetConsumeStatsInBrokerHeader', {
  isOrder: required('boolean'),
});
export type GetConsumeStatsInBrokerHeader = HeaderOf<typeof GetConsumeStatsInBrokerHeader.schema>;
