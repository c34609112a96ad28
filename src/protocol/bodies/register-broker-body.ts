/**
 * RegisterBrokerBody: the body of REGISTER_BROKER (103), in two encodings chosen by the
 * request header's `compressed` flag.
 *
 * JSON form (the default):
 *   {"filterServerList":[],"topicConfigSerializeWrapper":{"dataVersion":{…},"topicConfigTable":{…}}}
 *
 * Compressed form (broker setting compressedRegister): one zlib stream (Java Deflater at
 * best compression) of, all integers big-endian int32:
 *   length + DataVersion JSON
 *   topic count
 *   per topic: length + TopicConfig compact text (`name read write perm filterType`)
 *   length + JSON array of filter-server addresses
 * The compact text carries neither topicSysFlag nor order: they decode to 0 / false.
 *
 * Brokers older than V3_0_11 send a bare TopicConfigSerializeWrapper; a JSON body that has
 * `topicConfigTable` at its root and no `topicConfigSerializeWrapper` is read as one.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { RocketMQError } from '../../common/errors.js';
import { BodyReader, jsonBytes, readBody } from './body-json.js';
import { decodeDataVersion, encodeDataVersion } from './data-version.js';
import { parseLenientJson } from './lenient-json.js';
import { decodeTopicConfigText, encodeTopicConfigText, type TopicConfig } from './topic-config.js';
import {
  readTopicConfigSerializeWrapper,
  topicConfigSerializeWrapperJson,
  type TopicConfigSerializeWrapper,
} from './topic-config-serialize-wrapper.js';

/** Largest inflated compressed body accepted (a topic table of ~1 M topics). */
export const MAX_INFLATED_REGISTER_BODY_BYTES = 64 * 1024 * 1024;

export interface RegisterBrokerBody {
  topicConfigSerializeWrapper: TopicConfigSerializeWrapper;
  filterServerList: string[];
}

const BODY = 'RegisterBrokerBody';

export function readRegisterBrokerBody(reader: BodyReader): RegisterBrokerBody {
  if (reader.field('topicConfigSerializeWrapper').absent && !reader.field('topicConfigTable').absent) {
    return { topicConfigSerializeWrapper: readTopicConfigSerializeWrapper(reader), filterServerList: [] };
  }
  return {
    topicConfigSerializeWrapper: readTopicConfigSerializeWrapper(reader.field('topicConfigSerializeWrapper')),
    filterServerList: reader.field('filterServerList').list((item) => item.string()),
  };
}

export function registerBrokerBodyJson(body: RegisterBrokerBody): Record<string, unknown> {
  return {
    filterServerList: body.filterServerList,
    topicConfigSerializeWrapper: topicConfigSerializeWrapperJson(body.topicConfigSerializeWrapper),
  };
}

/** Decodes either form, as the request header's `compressed` flag says. */
export function decodeRegisterBrokerBody(input: Uint8Array | string, compressed = false): RegisterBrokerBody {
  if (compressed) {
    if (typeof input === 'string') throw new RocketMQError('BODY_MALFORMED', `${BODY}: a compressed body must be bytes`);
    return decodeRegisterBrokerBodyCompressed(input);
  }
  return readBody(BODY, input, readRegisterBrokerBody);
}

/** Encodes the JSON form, or the compressed form when `compressed` is set. */
export function encodeRegisterBrokerBody(body: RegisterBrokerBody, compressed = false): Buffer {
  return compressed ? encodeRegisterBrokerBodyCompressed(body) : jsonBytes(registerBrokerBodyJson(body));
}

export function encodeRegisterBrokerBodyCompressed(body: RegisterBrokerBody): Buffer {
  const parts: Buffer[] = [];
  const pushBlock = (bytes: Buffer): void => {
    parts.push(int32(bytes.length), bytes);
  };
  pushBlock(encodeDataVersion(body.topicConfigSerializeWrapper.dataVersion));
  const table = body.topicConfigSerializeWrapper.topicConfigTable;
  parts.push(int32(table.size));
  for (const config of table.values()) pushBlock(Buffer.from(encodeTopicConfigText(config), 'utf8'));
  pushBlock(Buffer.from(JSON.stringify(body.filterServerList), 'utf8'));
  return deflateSync(Buffer.concat(parts), { level: 9 });
}

export function decodeRegisterBrokerBodyCompressed(input: Uint8Array): RegisterBrokerBody {
  let data: Buffer;
  try {
    data = inflateSync(input, { maxOutputLength: MAX_INFLATED_REGISTER_BODY_BYTES });
  } catch (error) {
    throw new RocketMQError('BODY_MALFORMED', `${BODY}: compressed body does not inflate: ${(error as Error).message}`);
  }
  const reader = new BlockReader(data);
  const dataVersion = decodeDataVersion(reader.block('dataVersion'));
  const count = reader.int32('topic count');
  if (count < 0) throw new RocketMQError('BODY_MALFORMED', `${BODY}: negative topic count ${count}`);
  const topicConfigTable = new Map<string, TopicConfig>();
  for (let i = 0; i < count; i++) {
    const config = decodeTopicConfigText(reader.block(`topic config ${i}`).toString('utf8'));
    topicConfigTable.set(config.topicName, config);
  }
  const filterServers = BodyReader.of(BODY, parseLenientJson(reader.block('filterServerList'), BODY), 'filterServerList');
  const filterServerList = filterServers.list((item) => item.string());
  return { topicConfigSerializeWrapper: { dataVersion, topicConfigTable }, filterServerList };
}

function int32(value: number): Buffer {
  const bytes = Buffer.allocUnsafe(4);
  bytes.writeInt32BE(value, 0);
  return bytes;
}

class BlockReader {
  private position = 0;

  constructor(private readonly data: Buffer) {}

  int32(what: string): number {
    if (this.position + 4 > this.data.length) this.truncated(what, 4);
    const value = this.data.readInt32BE(this.position);
    this.position += 4;
    return value;
  }

  block(what: string): Buffer {
    const length = this.int32(`${what} length`);
    if (length < 0) throw new RocketMQError('BODY_MALFORMED', `${BODY}: ${what} has a negative length ${length}`);
    if (this.position + length > this.data.length) this.truncated(what, length);
    const block = this.data.subarray(this.position, this.position + length);
    this.position += length;
    return block;
  }

  private truncated(what: string, wanted: number): never {
    throw new RocketMQError(
      'BODY_MALFORMED',
      `${BODY}: compressed body truncated: ${what} needs ${wanted} bytes, ${this.data.length - this.position} left`,
    );
  }
}
