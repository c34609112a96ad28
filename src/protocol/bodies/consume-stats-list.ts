/**
 * ConsumeStatsList: the answer of GET_BROKER_CONSUME_STATS (317, mqadmin
 * brokerConsumeStats) — for every subscription group of a broker, the ConsumeStats of
 * each topic it has offsets on, and the total lag.
 *
 * JSON (fastjson order): {"brokerAddr":"127.0.0.1:10911","consumeStatsList":[
 *   {"<group>":[{ConsumeStats},…]},…],"totalDiff":12}
 * Each list entry is a map of one group. ConsumeStats are written as consume-stats.ts
 * writes them (MessageQueue keys as JSON strings) and read in either form.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody } from './body-json.js';
import { consumeStatsJson, readConsumeStats, type ConsumeStats } from './consume-stats.js';

export interface ConsumeStatsList {
  brokerAddr?: string;
  totalDiff: number;
  consumeStatsList: Map<string, ConsumeStats[]>[];
}

export function readConsumeStatsList(reader: BodyReader): ConsumeStatsList {
  const list: ConsumeStatsList = {
    totalDiff: reader.field('totalDiff').long(),
    consumeStatsList: reader
      .field('consumeStatsList')
      .list((entry) => entry.stringMap((stats) => stats.list((item) => item.object(readConsumeStats)))),
  };
  const brokerAddr = reader.field('brokerAddr').optionalString();
  if (brokerAddr !== undefined) list.brokerAddr = brokerAddr;
  return list;
}

export function decodeConsumeStatsList(input: Uint8Array | string): ConsumeStatsList {
  return readBody('ConsumeStatsList', input, readConsumeStatsList);
}

export function encodeConsumeStatsList(list: ConsumeStatsList): Buffer {
  return jsonBytes({
    brokerAddr: list.brokerAddr,
    consumeStatsList: list.consumeStatsList.map((entry) => mapObject(entry, (stats) => stats.map(consumeStatsJson))),
    totalDiff: list.totalDiff,
  });
}
