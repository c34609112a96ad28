/**
 * GroupList: the answer of QUERY_TOPIC_CONSUME_BY_WHO (300), the groups that consume a
 * topic. JSON: {"groupList":["G1",…]}
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';

export interface GroupList {
  groupList: string[];
}

export function readGroupList(reader: BodyReader): GroupList {
  return { groupList: reader.field('groupList').list((item) => item.string()) };
}

export function decodeGroupList(input: Uint8Array | string): GroupList {
  return readBody('GroupList', input, readGroupList);
}

export function encodeGroupList(list: GroupList): Buffer {
  return jsonBytes({ groupList: list.groupList });
}
