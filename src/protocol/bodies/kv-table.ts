/**
 * KVTable: a string → string table; the answer of GET_KVLIST_BY_NAMESPACE (219), of
 * GET_BROKER_RUNTIME_INFO (28), and the body of REGISTER_BROKER's answer (the
 * ORDER_TOPIC_CONFIG namespace).
 *
 * JSON: {"table":{"k":"v",…}} — fastjson coerces number values to strings, and so does this.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, mapObject, readBody, same } from './body-json.js';

export interface KVTable {
  table: Map<string, string>;
}

export function readKVTable(reader: BodyReader): KVTable {
  return { table: reader.field('table').stringMap((value) => value.string()) };
}

export function kvTableJson(table: KVTable): Record<string, unknown> {
  return { table: mapObject(table.table, same) };
}

export function decodeKVTable(input: Uint8Array | string): KVTable {
  return readBody('KVTable', input, readKVTable);
}

export function encodeKVTable(table: KVTable): Buffer {
  return jsonBytes(kvTableJson(table));
}
