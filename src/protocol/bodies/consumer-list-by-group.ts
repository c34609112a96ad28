/**
 * GetConsumerListByGroupResponseBody: the answer of GET_CONSUMER_LIST_BY_GROUP (38), the
 * client ids of every live member of a group (any order; clients sort them).
 *
 * JSON: {"consumerIdList":["127.0.0.1@22275#8677552561799"]}
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';

export interface GetConsumerListByGroupResponseBody {
  consumerIdList: string[];
}

export function readGetConsumerListByGroupResponseBody(reader: BodyReader): GetConsumerListByGroupResponseBody {
  return { consumerIdList: reader.field('consumerIdList').list((item) => item.string()) };
}

export function decodeGetConsumerListByGroupResponseBody(input: Uint8Array | string): GetConsumerListByGroupResponseBody {
  return readBody('GetConsumerListByGroupResponseBody', input, readGetConsumerListByGroupResponseBody);
}

export function encodeGetConsumerListByGroupResponseBody(body: GetConsumerListByGroupResponseBody): Buffer {
  return jsonBytes({ consumerIdList: body.consumerIdList });
}
