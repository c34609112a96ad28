/**
 * The message record: one message as the commit log stores it and as PULL_MESSAGE,
 * QUERY_MESSAGE, VIEW_MESSAGE_BY_ID, CHECK_TRANSACTION_STATE and CONSUME_MESSAGE_DIRECTLY
 * carry it (several records are simply concatenated). Big-endian; positions for IPv4 hosts:
 *
 *    0  int32  TOTALSIZE        bytes of this record, this field included
 *    4  int32  MAGICCODE        0xDAA320A7 (V1, 1-byte topic length); 5.x V2 0xDAA320AB has a 2-byte one
 *    8  int32  BODYCRC          crc32(stored body) & 0x7FFFFFFF
 *   12  int32  QUEUEID
 *   16  int32  FLAG             user flag
 *   20  int64  QUEUEOFFSET      logical offset in (topic, queueId)
 *   28  int64  PHYSICALOFFSET   commit-log offset of this record
 *   36  int32  SYSFLAG          see sys-flag.ts; bits 0x10 / 0x20 widen the hosts to 20 bytes
 *   40  int64  BORNTIMESTAMP
 *   48  8|20   BORNHOST         IP + int32 port
 *   56  int64  STORETIMESTAMP   (+12 after an IPv6 born host)
 *   64  8|20   STOREHOST
 *   72  int32  RECONSUMETIMES
 *   76  int64  PREPARED TRANSACTION OFFSET
 *   84  int32  BODYLENGTH B, then B body bytes (compressed when SYSFLAG says so)
 *       int8   TOPICLENGTH T (V2: int16), then T topic bytes (UTF-8)
 *       int16  PROPERTIESLENGTH P, then P properties bytes (see properties.ts)
 *
 * Size = 91 + B + T + P (+12 per IPv6 host; +1 for V2). The commit log pads the end of a
 * file with a blank record whose magic is 0xCBD43194.
 *
 * Invariants: encoding always emits V1, so a topic is 1..127 bytes; the hosts' widths follow
 * the SYSFLAG bits (see withHostFlags). The 64-bit fields are JS numbers and must be safe
 * integers both ways. Decoding is strict: every length must fit inside TOTALSIZE and the
 * fields must fill it exactly, or it throws RocketMQError MESSAGE_MALFORMED. A decoded body
 * is a view into the source buffer (copy it to keep it beyond the source's life).
 *
 * Decoding takes a fast path that reads the fields at their computed positions and gives up
 * (answers undefined) at the first field out of bounds or out of range; the strict reader
 * then decodes the record again and throws the precise error. Decoded IPv4 hosts are shared,
 * frozen objects (one per address) and a run of records of one topic shares its string.
 */
import { RocketMQError } from '../../common/errors.js';
import {
  MAX_PROPERTIES_BYTES,
  decodePropertiesBytes,
  encodePropertiesBytes,
  type MessageProperties,
  type MessagePropertiesInput,
} from './properties.js';
import {
  IPV4_SOCKET_ADDRESS_BYTES,
  IPV6_SOCKET_ADDRESS_BYTES,
  IPv4SocketAddresses,
  isIPv6SocketAddress,
  readSocketAddress,
  writeSocketAddress,
  type SocketAddress,
} from './socket-address.js';
import { MessageSysFlag, hasSysFlag } from './sys-flag.js';

export const MESSAGE_MAGIC_CODE_V1 = 0xdaa320a7;
export const MESSAGE_MAGIC_CODE_V2 = 0xdaa320ab;
/** Magic of the blank record that fills the end of a commit-log file; never sent to clients. */
export const BLANK_MAGIC_CODE = 0xcbd43194;

/** Largest topic a V1 record can hold, in UTF-8 bytes (its length is a signed byte). */
export const MAX_TOPIC_BYTES = 127;

/** Positions of the fields that come before the first host, the same for every record. */
export const RecordPosition = {
  TOTALSIZE: 0,
  MAGICCODE: 4,
  BODYCRC: 8,
  QUEUEID: 12,
  FLAG: 16,
  QUEUEOFFSET: 20,
  PHYSICALOFFSET: 28,
  SYSFLAG: 36,
  BORNTIMESTAMP: 40,
  BORNHOST: 48,
} as const;

/** Positions of the fields after the born host, which move with the IPv6 bits of SYSFLAG. */
export interface VariableRecordPositions {
  STORETIMESTAMP: number;
  STOREHOST: number;
  RECONSUMETIMES: number;
  PREPAREDTRANSACTIONOFFSET: number;
  BODYLENGTH: number;
  BODY: number;
}

/** Positions for IPv4 born and store hosts (sysFlag without 0x10 / 0x20). */
export const RecordPositionIPv4: Readonly<VariableRecordPositions> = variableRecordPositions(0);

export function variableRecordPositions(sysFlag: number): VariableRecordPositions {
  const storeTimestamp = RecordPosition.BORNHOST + bornHostBytes(sysFlag);
  const storeHost = storeTimestamp + 8;
  const reconsumeTimes = storeHost + storeHostBytes(sysFlag);
  return {
    STORETIMESTAMP: storeTimestamp,
    STOREHOST: storeHost,
    RECONSUMETIMES: reconsumeTimes,
    PREPAREDTRANSACTIONOFFSET: reconsumeTimes + 4,
    BODYLENGTH: reconsumeTimes + 12,
    BODY: reconsumeTimes + 16,
  };
}

/** Every field of a record except TOTALSIZE and the properties. */
export interface MessageRecordFields {
  bodyCrc: number;
  queueId: number;
  flag: number;
  queueOffset: number;
  commitLogOffset: number;
  sysFlag: number;
  bornTimestamp: number;
  bornHost: SocketAddress;
  storeTimestamp: number;
  storeHost: SocketAddress;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
  /** The stored bytes: compressed when sysFlag has COMPRESSED. */
  body: Buffer;
  topic: string;
}

export interface MessageRecord extends MessageRecordFields {
  storeSize: number;
  properties: MessageProperties;
}

export interface DecodedMessageRecord {
  record: MessageRecord;
  /** Bytes the record took (= record.storeSize). */
  size: number;
  magicCode: number;
  /**
   * The record's properties bytes as stored (a view). Writing them back reproduces the
   * record exactly even when a name repeats (the broker appends a batch's own properties
   * to each entry's, so batch records hold WAIT twice), which the parsed map cannot.
   */
  propertiesBytes: Buffer;
}

/** Bytes of a V1 record's fixed-width fields other than the two hosts (91 − 2 × 8). */
const FIXED_BYTES_WITHOUT_HOSTS = 75;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const TWO_POW_32 = 0x1_0000_0000;
const MAX_PORT = 65535;

/** Bytes of a V1 record with these variable parts (Java `calMsgLength`). */
export function messageRecordSize(sysFlag: number, bodyBytes: number, topicBytes: number, propertiesBytes: number): number {
  return FIXED_BYTES_WITHOUT_HOSTS + bornHostBytes(sysFlag) + storeHostBytes(sysFlag) + bodyBytes + topicBytes + propertiesBytes;
}

/** Bytes `record` takes when encoded with `propertiesBytes` bytes of properties. */
export function encodedMessageRecordSize(record: MessageRecordFields, propertiesBytes: number): number {
  return messageRecordSize(record.sysFlag, record.body.length, Buffer.byteLength(record.topic, 'utf8'), propertiesBytes);
}

/** `sysFlag` with BORNHOST_V6 / STOREHOST_V6 set exactly when the hosts need 16 bytes. */
export function withHostFlags(sysFlag: number, bornHost: SocketAddress, storeHost: SocketAddress): number {
  let flags = sysFlag & ~(MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6);
  if (isIPv6SocketAddress(bornHost)) flags |= MessageSysFlag.BORNHOST_V6;
  if (isIPv6SocketAddress(storeHost)) flags |= MessageSysFlag.STOREHOST_V6;
  return flags;
}

/**
 * Writes `record` as a V1 record at `offset` of `target`, with `encodedProperties` as its
 * properties bytes, and returns the bytes written. Allocates nothing; throws
 * MESSAGE_MALFORMED for a field that cannot be encoded and RangeError when `target` is
 * too small.
 */
export function writeMessageRecord(target: Buffer, offset: number, record: MessageRecordFields, encodedProperties: Uint8Array): number {
  const topicBytes = Buffer.byteLength(record.topic, 'utf8');
  checkEncodable(record, topicBytes, encodedProperties.length);
  const size = messageRecordSize(record.sysFlag, record.body.length, topicBytes, encodedProperties.length);
  if (!Number.isInteger(offset) || offset < 0 || offset + size > target.length) {
    throw new RangeError(`a ${size}-byte record does not fit at offset ${offset} of a ${target.length}-byte buffer`);
  }
  let position = writeHead(target, offset, record, size);
  position = target.writeInt32BE(record.body.length, position);
  position += record.body.copy(target, position);
  position = target.writeInt8(topicBytes, position);
  position += target.write(record.topic, position, topicBytes, 'utf8');
  position = target.writeInt16BE(encodedProperties.length, position);
  target.set(encodedProperties, position);
  return size;
}

/** Encodes `record` (with its properties) as a new V1 record. */
export function encodeMessageRecord(record: MessageRecordFields & { properties: MessagePropertiesInput }): Buffer {
  const properties = encodePropertiesBytes(record.properties);
  const target = Buffer.allocUnsafe(encodedMessageRecordSize(record, properties.length));
  writeMessageRecord(target, 0, record, properties);
  return target;
}

/** Decodes the record that starts at `offset` of `source`. */
export function decodeMessageRecord(source: Buffer, offset = 0): DecodedMessageRecord {
  const record = Number.isInteger(offset) ? decodeRecordFast(source, viewOf(source), offset) : undefined;
  if (record === undefined) return decodeRecordStrict(source, offset);
  const end = offset + record.storeSize;
  return { record, size: record.storeSize, magicCode: source.readUInt32BE(offset + RecordPosition.MAGICCODE), propertiesBytes: source.subarray(fastPropertiesAt, end) };
}

/** Decodes a concatenation of records (a PULL_MESSAGE or QUERY_MESSAGE body). */
export function decodeMessageRecords(source: Buffer): MessageRecord[] {
  const records: MessageRecord[] = [];
  const view = viewOf(source);
  for (let offset = 0; offset < source.length; ) {
    const record = decodeRecordFast(source, view, offset) ?? decodeRecordStrict(source, offset).record;
    records.push(record);
    offset += record.storeSize;
  }
  return records;
}

/** Decodes the record at `offset` field by field with a bounds-checked cursor, throwing the precise error. */
function decodeRecordStrict(source: Buffer, offset = 0): DecodedMessageRecord {
  const reader = openRecord(source, offset);
  const magicCode = reader.uint32('MAGICCODE');
  if (magicCode !== MESSAGE_MAGIC_CODE_V1 && magicCode !== MESSAGE_MAGIC_CODE_V2) {
    throw reader.fail(`bad magic code 0x${magicCode.toString(16)}`);
  }
  const head = readHead(reader);
  const body = reader.bytes(reader.nonNegativeInt32('BODYLENGTH'), 'BODY');
  const topicLength = magicCode === MESSAGE_MAGIC_CODE_V1 ? reader.int8('TOPICLENGTH') : reader.int16('TOPICLENGTH');
  if (topicLength <= 0) throw reader.fail(`topic length ${topicLength} is not positive`);
  const topic = reader.bytes(topicLength, 'TOPIC').toString('utf8');
  const propertiesBytes = reader.bytes(reader.nonNegativeInt16('PROPERTIESLENGTH'), 'PROPERTIES');
  reader.expectEnd();
  const record = messageRecord(reader.size, head, body, topic, decodePropertiesBytes(propertiesBytes));
  return { record, size: reader.size, magicCode, propertiesBytes };
}

/** One literal with every field, in the order of the record, so that all records share one shape. */
function messageRecord(storeSize: number, head: RecordHead, body: Buffer, topic: string, properties: MessageProperties): MessageRecord {
  return {
    storeSize,
    bodyCrc: head.bodyCrc,
    queueId: head.queueId,
    flag: head.flag,
    queueOffset: head.queueOffset,
    commitLogOffset: head.commitLogOffset,
    sysFlag: head.sysFlag,
    bornTimestamp: head.bornTimestamp,
    bornHost: head.bornHost,
    storeTimestamp: head.storeTimestamp,
    storeHost: head.storeHost,
    reconsumeTimes: head.reconsumeTimes,
    preparedTransactionOffset: head.preparedTransactionOffset,
    body,
    topic,
    properties,
  };
}

/** Born and store hosts of the records decoded so far (apart, so that each keeps its last address). */
const bornHosts = new IPv4SocketAddresses();
const storeHosts = new IPv4SocketAddresses();
/** Where the properties of the record the fast path decoded last begin (for decodeMessageRecord). */
let fastPropertiesAt = 0;

/** A DataView over exactly the bytes of `source` (its reads are not argument-checked as Buffer's are). */
function viewOf(source: Buffer): DataView {
  return new DataView(source.buffer, source.byteOffset, source.length);
}

/**
 * The record at `offset` (an integer), read at computed positions without a cursor (`view`
 * is viewOf(source)); undefined when any field is out of bounds or out of range (the strict
 * reader then says which).
 */
function decodeRecordFast(source: Buffer, view: DataView, offset: number): MessageRecord | undefined {
  if (offset < 0 || offset + RecordPosition.BORNHOST > source.length) return undefined;
  const size = view.getInt32(offset);
  const end = offset + size;
  if (size < RecordPosition.BORNHOST || end > source.length) return undefined;
  const magicCode = view.getUint32(offset + RecordPosition.MAGICCODE);
  if (magicCode !== MESSAGE_MAGIC_CODE_V1 && magicCode !== MESSAGE_MAGIC_CODE_V2) return undefined;
  const sysFlag = view.getInt32(offset + RecordPosition.SYSFLAG);
  const bornIPv6 = hasSysFlag(sysFlag, MessageSysFlag.BORNHOST_V6);
  const storeIPv6 = hasSysFlag(sysFlag, MessageSysFlag.STOREHOST_V6);
  const storeTimestampAt = offset + RecordPosition.BORNHOST + (bornIPv6 ? IPV6_SOCKET_ADDRESS_BYTES : IPV4_SOCKET_ADDRESS_BYTES);
  const storeHostAt = storeTimestampAt + 8;
  const reconsumeTimesAt = storeHostAt + (storeIPv6 ? IPV6_SOCKET_ADDRESS_BYTES : IPV4_SOCKET_ADDRESS_BYTES);
  const bodyAt = reconsumeTimesAt + 16;
  if (bodyAt > end) return undefined;
  const bodyLength = view.getInt32(bodyAt - 4);
  const topicLengthAt = bodyAt + bodyLength;
  const v1 = magicCode === MESSAGE_MAGIC_CODE_V1;
  const topicAt = topicLengthAt + (v1 ? 1 : 2);
  if (bodyLength < 0 || topicAt > end) return undefined;
  const topicLength = v1 ? view.getInt8(topicLengthAt) : view.getInt16(topicLengthAt);
  const propertiesAt = topicAt + topicLength + 2;
  if (topicLength <= 0 || propertiesAt > end) return undefined;
  if (propertiesAt + view.getInt16(propertiesAt - 2) !== end) return undefined;
  const queueOffset = int64OrNaN(view, offset + RecordPosition.QUEUEOFFSET);
  const commitLogOffset = int64OrNaN(view, offset + RecordPosition.PHYSICALOFFSET);
  const bornTimestamp = int64OrNaN(view, offset + RecordPosition.BORNTIMESTAMP);
  const storeTimestamp = int64OrNaN(view, storeTimestampAt);
  const preparedTransactionOffset = int64OrNaN(view, reconsumeTimesAt + 4);
  if (Number.isNaN(queueOffset + commitLogOffset + bornTimestamp + storeTimestamp + preparedTransactionOffset)) return undefined;
  const bornHost = bornIPv6 ? ipv6HostOrUndefined(source, view, offset + RecordPosition.BORNHOST) : ipv4HostOrUndefined(bornHosts, view, offset + RecordPosition.BORNHOST);
  const storeHost = storeIPv6 ? ipv6HostOrUndefined(source, view, storeHostAt) : ipv4HostOrUndefined(storeHosts, view, storeHostAt);
  if (bornHost === undefined || storeHost === undefined) return undefined;
  fastPropertiesAt = propertiesAt;
  return {
    storeSize: size,
    bodyCrc: view.getInt32(offset + RecordPosition.BODYCRC),
    queueId: view.getInt32(offset + RecordPosition.QUEUEID),
    flag: view.getInt32(offset + RecordPosition.FLAG),
    queueOffset,
    commitLogOffset,
    sysFlag,
    bornTimestamp,
    bornHost,
    storeTimestamp,
    storeHost,
    reconsumeTimes: view.getInt32(reconsumeTimesAt),
    preparedTransactionOffset,
    body: source.subarray(bodyAt, topicLengthAt),
    topic: topics.read(source, topicAt, topicLength),
    properties: decodePropertiesBytes(source, propertiesAt, end),
  };
}

/** The big-endian int64 at `at` when it is a safe integer, else NaN. */
function int64OrNaN(view: DataView, at: number): number {
  const value = view.getInt32(at) * TWO_POW_32 + view.getUint32(at + 4);
  return Number.isSafeInteger(value) ? value : Number.NaN;
}

/** The 8-byte host at `at` (inside the view); undefined when its port is out of range. */
function ipv4HostOrUndefined(addresses: IPv4SocketAddresses, view: DataView, at: number): SocketAddress | undefined {
  const port = view.getInt32(at + 4);
  return port < 0 || port > MAX_PORT ? undefined : addresses.of(view.getUint32(at), port);
}

/** The 20-byte host at `at` (inside the view); undefined when its port is out of range. */
function ipv6HostOrUndefined(source: Buffer, view: DataView, at: number): SocketAddress | undefined {
  const port = view.getInt32(at + 16);
  return port < 0 || port > MAX_PORT ? undefined : readSocketAddress(source, at, true);
}

/** The topic of the last record and a copy of its bytes: a run of one topic's records shares one string. */
class LastTopic {
  private bytes: Buffer = Buffer.alloc(0);
  private text = '';

  read(source: Buffer, at: number, length: number): string {
    const bytes = this.bytes;
    if (bytes.length === length) {
      let index = 0;
      while (index < length && bytes[index] === source[at + index]) index++;
      if (index === length) return this.text;
    }
    this.text = source.toString('utf8', at, at + length);
    this.bytes = Buffer.from(source.subarray(at, at + length));
    return this.text;
  }
}

const topics = new LastTopic();

/** Reads a big-endian int64 as a number; throws MESSAGE_MALFORMED when it is not a safe integer. */
export function readSafeInt64BE(source: Buffer, position: number, field = 'int64'): number {
  const value = source.readInt32BE(position) * TWO_POW_32 + source.readUInt32BE(position + 4);
  if (!Number.isSafeInteger(value)) {
    throw malformed(`${field} 0x${source.toString('hex', position, position + 8)} is beyond the safe integer range`);
  }
  return value;
}

/** Writes a safe integer as a big-endian int64 and returns the position after it. */
export function writeSafeInt64BE(target: Buffer, value: number, position: number): number {
  const high = Math.floor(value / TWO_POW_32);
  target.writeInt32BE(high, position);
  target.writeUInt32BE(value - high * TWO_POW_32, position + 4);
  return position + 8;
}

function bornHostBytes(sysFlag: number): number {
  return hasSysFlag(sysFlag, MessageSysFlag.BORNHOST_V6) ? IPV6_SOCKET_ADDRESS_BYTES : IPV4_SOCKET_ADDRESS_BYTES;
}

function storeHostBytes(sysFlag: number): number {
  return hasSysFlag(sysFlag, MessageSysFlag.STOREHOST_V6) ? IPV6_SOCKET_ADDRESS_BYTES : IPV4_SOCKET_ADDRESS_BYTES;
}

/** Writes TOTALSIZE … PREPARED TRANSACTION OFFSET and returns the position after them. */
function writeHead(target: Buffer, offset: number, record: MessageRecordFields, size: number): number {
  let position = target.writeInt32BE(size, offset);
  position = target.writeUInt32BE(MESSAGE_MAGIC_CODE_V1, position);
  position = target.writeInt32BE(record.bodyCrc, position);
  position = target.writeInt32BE(record.queueId, position);
  position = target.writeInt32BE(record.flag, position);
  position = writeSafeInt64BE(target, record.queueOffset, position);
  position = writeSafeInt64BE(target, record.commitLogOffset, position);
  position = target.writeInt32BE(record.sysFlag, position);
  position = writeSafeInt64BE(target, record.bornTimestamp, position);
  position = writeSocketAddress(target, position, record.bornHost, hasSysFlag(record.sysFlag, MessageSysFlag.BORNHOST_V6));
  position = writeSafeInt64BE(target, record.storeTimestamp, position);
  position = writeSocketAddress(target, position, record.storeHost, hasSysFlag(record.sysFlag, MessageSysFlag.STOREHOST_V6));
  position = target.writeInt32BE(record.reconsumeTimes, position);
  return writeSafeInt64BE(target, record.preparedTransactionOffset, position);
}

type RecordHead = Omit<MessageRecordFields, 'body' | 'topic'>;

function readHead(reader: RecordReader): RecordHead {
  const bodyCrc = reader.int32('BODYCRC');
  const queueId = reader.int32('QUEUEID');
  const flag = reader.int32('FLAG');
  const queueOffset = reader.int64('QUEUEOFFSET');
  const commitLogOffset = reader.int64('PHYSICALOFFSET');
  const sysFlag = reader.int32('SYSFLAG');
  const bornTimestamp = reader.int64('BORNTIMESTAMP');
  const bornHost = reader.socketAddress(hasSysFlag(sysFlag, MessageSysFlag.BORNHOST_V6), 'BORNHOST');
  const storeTimestamp = reader.int64('STORETIMESTAMP');
  const storeHost = reader.socketAddress(hasSysFlag(sysFlag, MessageSysFlag.STOREHOST_V6), 'STOREHOST');
  const reconsumeTimes = reader.int32('RECONSUMETIMES');
  const preparedTransactionOffset = reader.int64('PREPAREDTRANSACTIONOFFSET');
  return { bodyCrc, queueId, flag, queueOffset, commitLogOffset, sysFlag, bornTimestamp, bornHost, storeTimestamp, storeHost, reconsumeTimes, preparedTransactionOffset };
}

const INT32_FIELDS = ['bodyCrc', 'queueId', 'flag', 'sysFlag', 'reconsumeTimes'] as const;
const INT64_FIELDS = ['queueOffset', 'commitLogOffset', 'bornTimestamp', 'storeTimestamp', 'preparedTransactionOffset'] as const;

function checkEncodable(record: MessageRecordFields, topicBytes: number, propertiesBytes: number): void {
  for (const field of INT32_FIELDS) {
    const value = record[field];
    if (!Number.isInteger(value) || value < INT32_MIN || value > INT32_MAX) throw malformed(`${field} ${value} is not an int32`);
  }
  for (const field of INT64_FIELDS) {
    if (!Number.isSafeInteger(record[field])) throw malformed(`${field} ${record[field]} is not a safe integer`);
  }
  checkHostFits('bornHost', record.bornHost, hasSysFlag(record.sysFlag, MessageSysFlag.BORNHOST_V6));
  checkHostFits('storeHost', record.storeHost, hasSysFlag(record.sysFlag, MessageSysFlag.STOREHOST_V6));
  if (topicBytes < 1 || topicBytes > MAX_TOPIC_BYTES) throw malformed(`topic is ${topicBytes} bytes, not 1..${MAX_TOPIC_BYTES}`);
  if (propertiesBytes > MAX_PROPERTIES_BYTES) throw malformed(`properties are ${propertiesBytes} bytes, more than ${MAX_PROPERTIES_BYTES}`);
}

function checkHostFits(field: string, address: SocketAddress, ipv6Slot: boolean): void {
  if (!Number.isInteger(address.port) || address.port < 0 || address.port > MAX_PORT) {
    throw malformed(`${field} port ${address.port} is not in 0..${MAX_PORT}`);
  }
  if (!ipv6Slot && isIPv6SocketAddress(address)) {
    throw malformed(`${field} ${address.host} is IPv6 but sysFlag does not mark it (use withHostFlags)`);
  }
}

function malformed(message: string): RocketMQError {
  return new RocketMQError('MESSAGE_MALFORMED', message);
}

/** The smallest TOTALSIZE that can hold the fields up to and including the magic code. */
const MIN_RECORD_HEAD_BYTES = 8;

function openRecord(source: Buffer, offset: number): RecordReader {
  if (!Number.isInteger(offset) || offset < 0 || offset + 4 > source.length) {
    throw malformed(`no record size at offset ${offset} of ${source.length} bytes`);
  }
  const size = source.readInt32BE(offset);
  if (size < MIN_RECORD_HEAD_BYTES || offset + size > source.length) {
    throw malformed(`record at offset ${offset} claims ${size} bytes but ${source.length - offset} remain`);
  }
  return new RecordReader(source, offset, size);
}

/** A bounds-checked cursor over the bytes of one record. */
class RecordReader {
  private position: number;
  private readonly end: number;

  constructor(
    private readonly source: Buffer,
    private readonly start: number,
    readonly size: number,
  ) {
    this.position = start + 4;
    this.end = start + size;
  }

  int8(field: string): number {
    return this.source.readInt8(this.take(1, field));
  }

  int16(field: string): number {
    return this.source.readInt16BE(this.take(2, field));
  }

  int32(field: string): number {
    return this.source.readInt32BE(this.take(4, field));
  }

  uint32(field: string): number {
    return this.source.readUInt32BE(this.take(4, field));
  }

  int64(field: string): number {
    const at = this.take(8, field);
    try {
      return readSafeInt64BE(this.source, at, field);
    } catch (error) {
      throw this.fail((error as Error).message);
    }
  }

  nonNegativeInt32(field: string): number {
    const value = this.int32(field);
    if (value < 0) throw this.fail(`${field} ${value} is negative`);
    return value;
  }

  nonNegativeInt16(field: string): number {
    const value = this.int16(field);
    if (value < 0) throw this.fail(`${field} ${value} is negative`);
    return value;
  }

  socketAddress(ipv6: boolean, field: string): SocketAddress {
    const at = this.take(ipv6 ? IPV6_SOCKET_ADDRESS_BYTES : IPV4_SOCKET_ADDRESS_BYTES, field);
    try {
      return readSocketAddress(this.source, at, ipv6);
    } catch (error) {
      throw this.fail(`${field}: ${(error as Error).message}`);
    }
  }

  bytes(length: number, field: string): Buffer {
    const at = this.take(length, field);
    return this.source.subarray(at, at + length);
  }

  expectEnd(): void {
    if (this.position !== this.end) {
      throw this.fail(`fields end at byte ${this.position - this.start} but TOTALSIZE is ${this.size}`);
    }
  }

  fail(reason: string): RocketMQError {
    return malformed(`message record at offset ${this.start}: ${reason}`);
  }

  private take(length: number, field: string): number {
    const at = this.position;
    if (at + length > this.end) {
      throw this.fail(`${field} (${length} bytes at ${at - this.start}) runs past TOTALSIZE ${this.size}`);
    }
    this.position = at + length;
    return at;
  }
}
