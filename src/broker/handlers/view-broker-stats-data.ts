/**
 * VIEW_BROKER_STATS_DATA (315, mqadmin statsAll): the minute, hour and day figures of one
 * broker stats item (stats/broker-stats-items.ts), as RocketMQ 4.9.8
 * AdminBrokerProcessor.ViewBrokerStatsData answers them — e.g. `TOPIC_PUT_NUMS` / `<topic>`
 * or `GROUP_GET_NUMS` / `<topic>@<group>`. An item that was never counted (or a name this
 * broker does not keep) → 1 `The stats <name> <key> not exist`.
 */
import { encodeBrokerStatsData, type BrokerStatsItem } from '../../protocol/bodies/broker-stats-data.js';
import { ViewBrokerStatsDataRequestHeader } from '../../protocol/headers/view-broker-stats-data-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { StatsItem, StatsWindow } from '../stats/stats-item.js';
import type { BrokerHandler } from '../broker-context.js';

export const viewBrokerStatsData: BrokerHandler = (context, request) => {
  const { statsName, statsKey } = ViewBrokerStatsDataRequestHeader.decode(request.extFields);
  const item = context.stats.items.getStatsItem(statsName, statsKey);
  if (!item) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `The stats <${statsName}> <${statsKey}> not exist` });
  const body = encodeBrokerStatsData({ statsMinute: figures(item, 'minute'), statsHour: figures(item, 'hour'), statsDay: figures(item, 'day') });
  return createResponse(request, ResponseCode.SUCCESS, { body });
};

function figures(item: StatsItem, window: StatsWindow): BrokerStatsItem {
  const { sum, tps, avgpt } = item.stats(window);
  return { sum, tps, avgpt };
}
