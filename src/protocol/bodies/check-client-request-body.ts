/**
 * CheckClientRequestBody: the body of CHECK_CLIENT_CONFIG (46) — a client asks the broker
 * whether it can serve a subscription (e.g. SQL92 filtering enabled).
 *
 * JSON: {"clientId":"…","group":"G1","subscriptionData":SubscriptionData}
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';
import { readSubscriptionData, subscriptionDataJson, type SubscriptionData } from './subscription-data.js';

export interface CheckClientRequestBody {
  clientId: string;
  group: string;
  subscriptionData?: SubscriptionData;
}

export function readCheckClientRequestBody(reader: BodyReader): CheckClientRequestBody {
  const body: CheckClientRequestBody = {
    clientId: reader.field('clientId').string(),
    group: reader.field('group').string(),
  };
  const subscriptionData = reader.field('subscriptionData').optionalObject(readSubscriptionData);
  if (subscriptionData !== undefined) body.subscriptionData = subscriptionData;
  return body;
}

export function decodeCheckClientRequestBody(input: Uint8Array | string): CheckClientRequestBody {
  return readBody('CheckClientRequestBody', input, readCheckClientRequestBody);
}

export function encodeCheckClientRequestBody(body: CheckClientRequestBody): Buffer {
  return jsonBytes({
    clientId: body.clientId,
    group: body.group,
    subscriptionData: body.subscriptionData && subscriptionDataJson(body.subscriptionData),
  });
}
