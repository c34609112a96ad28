/**
 * DataVersion: the version stamp of a broker's topic (or subscription) table, sent with
 * REGISTER_BROKER and as the body of QUERY_DATA_VERSION (322, request and answer).
 *
 * JSON: {"counter":28,"timestamp":1795540462539}  ([5.x] also "stateVersion")
 * The name server compares it with its copy to decide whether to rebuild that broker's
 * routes. Java defaults: counter 0, timestamp = construction time.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';

export interface DataVersion {
  counter: number;
  timestamp: number;
  /** [5.x] */
  stateVersion?: number;
}

export function readDataVersion(reader: BodyReader): DataVersion {
  const version: DataVersion = {
    counter: reader.field('counter').long(),
    timestamp: reader.field('timestamp').long(Date.now()),
  };
  const stateVersion = reader.field('stateVersion').optionalLong();
  if (stateVersion !== undefined) version.stateVersion = stateVersion;
  return version;
}

export function dataVersionJson(version: DataVersion): Record<string, unknown> {
  return { counter: version.counter, stateVersion: version.stateVersion, timestamp: version.timestamp };
}

/** Two versions are equal when every stamp is (Java DataVersion.equals). */
export function sameDataVersion(a: DataVersion, b: DataVersion): boolean {
  return a.counter === b.counter && a.timestamp === b.timestamp && (a.stateVersion ?? 0) === (b.stateVersion ?? 0);
}

export function decodeDataVersion(input: Uint8Array | string): DataVersion {
  return readBody('DataVersion', input, readDataVersion);
}

export function encodeDataVersion(version: DataVersion): Buffer {
  return jsonBytes(dataVersionJson(version));
}
