/**
 * ViewBrokerStatsDataRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of VIEW_BROKER_STATS_DATA (315).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | statsName | string | yes | stats item name |
 * | statsKey | string | yes | stats key |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const ViewBrokerStatsDataRequestHeader = defineHeader('ViewBrokerStatsDataRequestHeader', {
  statsName: required('string'),
  statsKey: required('string'),
});
export type ViewBrokerStatsDataRequestHeader = HeaderOf<typeof ViewBrokerStatsDataRequestHeader.schema>;
