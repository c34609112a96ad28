/**
 * ProducerConnection: the answer of GET_PRODUCER_CONNECTION_LIST (204), the live
 * connections of a producer group.
 *
 * JSON: {"connectionSet":[{"clientAddr":"…","clientId":"…","language":"JAVA","version":409}]}
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';
import { connectionJson, readConnection, type Connection } from './connection.js';

export interface ProducerConnection {
  connectionSet: Connection[];
}

export function readProducerConnection(reader: BodyReader): ProducerConnection {
  return { connectionSet: reader.field('connectionSet').list((item) => item.object(readConnection)) };
}

export function decodeProducerConnection(input: Uint8Array | string): ProducerConnection {
  return readBody('ProducerConnection', input, readProducerConnection);
}

export function encodeProducerConnection(connection: ProducerConnection): Buffer {
  return jsonBytes({ connectionSet: connection.connectionSet.map(connectionJson) });
}
