/**
 * BrokerStatsData: the answer of VIEW_BROKER_STATS_DATA (315, mqadmin statsAll) — one
 * broker stats item's figures over the last minute, hour and day.
 *
 * JSON (fastjson order):
 *   {"statsDay":{"avgpt":1.0,"sum":12,"tps":0.5},"statsHour":{…},"statsMinute":{…}}
 * sum: the counted value in the window; tps: sum per second; avgpt: sum per add.
 * A window Java leaves null reads as zeros here.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';

export interface BrokerStatsItem {
  sum: number;
  tps: number;
  avgpt: number;
}

export interface BrokerStatsData {
  statsMinute: BrokerStatsItem;
  statsHour: BrokerStatsItem;
  statsDay: BrokerStatsItem;
}

function readBrokerStatsItem(reader: BodyReader): BrokerStatsItem {
  return { sum: reader.field('sum').long(), tps: reader.field('tps').double(), avgpt: reader.field('avgpt').double() };
}

function brokerStatsItemJson(item: BrokerStatsItem): Record<string, unknown> {
  return { avgpt: item.avgpt, sum: item.sum, tps: item.tps };
}

const ZERO: BrokerStatsItem = { sum: 0, tps: 0, avgpt: 0 };

export function readBrokerStatsData(reader: BodyReader): BrokerStatsData {
  const window = (name: string) => reader.field(name).optionalObject(readBrokerStatsItem) ?? { ...ZERO };
  return { statsMinute: window('statsMinute'), statsHour: window('statsHour'), statsDay: window('statsDay') };
}

export function decodeBrokerStatsData(input: Uint8Array | string): BrokerStatsData {
  return readBody('BrokerStatsData', input, readBrokerStatsData);
}

export function encodeBrokerStatsData(data: BrokerStatsData): Buffer {
  return jsonBytes({
    statsDay: brokerStatsItemJson(data.statsDay),
    statsHour: brokerStatsItemJson(data.statsHour),
    statsMinute: brokerStatsItemJson(data.statsMinute),
  });
}
