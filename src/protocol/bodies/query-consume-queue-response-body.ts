/**
 * QueryConsumeQueueResponseBody: the answer of QUERY_CONSUME_QUEUE (321, mqadmin queryCq) —
 * a queue's index bounds and the consume-queue units read from an index, with the
 * subscription of the asked consumer group when there is one.
 *
 * JSON (fastjson order; null properties left out):
 *   {"filterData":"null","maxQueueIndex":3,"minQueueIndex":0,
 *    "queueData":[{"eval":false,"physicOffset":0,"physicSize":180,"tagsCode":2598919},…],
 *    "subscriptionData":{SubscriptionData}}
 * ConsumeQueueData's extendDataJson, bitMap and msg are set by Java only for units that
 * point into the consume-queue extension (`enableConsumeQueueExt`, off by default); eval
 * is then whether the group's filter matches.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';
import { readSubscriptionData, subscriptionDataJson, type SubscriptionData } from './subscription-data.js';

export interface ConsumeQueueData {
  physicOffset: number;
  physicSize: number;
  tagsCode: number;
  extendDataJson?: string;
  bitMap?: string;
  eval: boolean;
  msg?: string;
}

export interface QueryConsumeQueueResponseBody {
  subscriptionData?: SubscriptionData;
  filterData?: string;
  queueData?: ConsumeQueueData[];
  maxQueueIndex: number;
  minQueueIndex: number;
}

function readConsumeQueueData(reader: BodyReader): ConsumeQueueData {
  const data: ConsumeQueueData = {
    physicOffset: reader.field('physicOffset').long(),
    physicSize: reader.field('physicSize').int(),
    tagsCode: reader.field('tagsCode').long(),
    eval: reader.field('eval').boolean(),
  };
  const extendDataJson = reader.field('extendDataJson').optionalString();
  if (extendDataJson !== undefined) data.extendDataJson = extendDataJson;
  const bitMap = reader.field('bitMap').optionalString();
  if (bitMap !== undefined) data.bitMap = bitMap;
  const msg = reader.field('msg').optionalString();
  if (msg !== undefined) data.msg = msg;
  return data;
}

function consumeQueueDataJson(data: ConsumeQueueData): Record<string, unknown> {
  return {
    bitMap: data.bitMap,
    eval: data.eval,
    extendDataJson: data.extendDataJson,
    msg: data.msg,
    physicOffset: data.physicOffset,
    physicSize: data.physicSize,
    tagsCode: data.tagsCode,
  };
}

export function readQueryConsumeQueueResponseBody(reader: BodyReader): QueryConsumeQueueResponseBody {
  const body: QueryConsumeQueueResponseBody = {
    maxQueueIndex: reader.field('maxQueueIndex').long(),
    minQueueIndex: reader.field('minQueueIndex').long(),
  };
  const subscriptionData = reader.field('subscriptionData').optionalObject(readSubscriptionData);
  if (subscriptionData !== undefined) body.subscriptionData = subscriptionData;
  const filterData = reader.field('filterData').optionalString();
  if (filterData !== undefined) body.filterData = filterData;
  const queueData = reader.field('queueData');
  if (!queueData.absent) body.queueData = queueData.list((item) => item.object(readConsumeQueueData));
  return body;
}

export function decodeQueryConsumeQueueResponseBody(input: Uint8Array | string): QueryConsumeQueueResponseBody {
  return readBody('QueryConsumeQueueResponseBody', input, readQueryConsumeQueueResponseBody);
}

export function encodeQueryConsumeQueueResponseBody(body: QueryConsumeQueueResponseBody): Buffer {
  return jsonBytes({
    filterData: body.filterData,
    maxQueueIndex: body.maxQueueIndex,
    minQueueIndex: body.minQueueIndex,
    queueData: body.queueData?.map(consumeQueueDataJson),
    subscriptionData: body.subscriptionData && subscriptionDataJson(body.subscriptionData),
  });
}
