/**
 * RemotingCommand: one request or response of the RocketMQ remoting protocol, and its
 * frame codec for both header serializations.
 *
 * Frame (big-endian): int32 length | int32 (serializeType << 24 | headerLength) | header | body.
 *
 * JSON header (type 0): fastjson's text of the command, keys in alphabetical order and
 * nulls omitted:
 *   {"code":105,"extFields":{"topic":"T1"},"flag":0,"language":"JAVA","opaque":0,
 *    "remark":"…","serializeTypeCurrentRPC":"JSON","version":409}
 * ext values arrive as strings from Java and as raw numbers/booleans from ali-ons; they are
 * coerced to strings on decode, as fastjson does on the Java server.
 *
 * ROCKETMQ header (type 1):
 *   int16 code | int8 language | int16 version | int32 opaque | int32 flag |
 *   int32 remarkLength + UTF-8 remark (0 = null) |
 *   int32 extLength + repeated (int16 keyLength, key, int32 valueLength, value)
 * A zero-length key or value reads as absent; a repeated key keeps its last value.
 *
 * flag bit 0 marks a response, bit 1 a oneway request. A response is encoded in the
 * serialization of the request it answers.
 */
import { Limits, MQ_VERSION } from '../common/constants.js';
import { RocketMQError } from '../common/errors.js';
import { LanguageCode, isLanguageName, languageNameOf, type LanguageName } from '../protocol/language-code.js';
import { SerializeType } from '../protocol/serialize-type.js';

export const RPC_TYPE_RESPONSE = 1;
export const RPC_ONEWAY = 2;

export type ExtFields = Record<string, string>;

/** An empty ext map. Set keys with `setExtField`, so that a key such as `__proto__` is just a key. */
export function emptyExtFields(): ExtFields {
  return {};
}

/**
 * Sets one ext field. A plain object keeps V8's fast properties (a prototype-less one
 * does not); the one key an assignment would misread, `__proto__`, is defined instead.
 */
export function setExtField(fields: ExtFields, key: string, value: string): void {
  if (key === '__proto__') Object.defineProperty(fields, key, { value, enumerable: true, writable: true, configurable: true });
  else fields[key] = value;
}

export interface RemotingCommand {
  code: number;
  language: LanguageName;
  version: number;
  opaque: number;
  flag: number;
  remark: string | null;
  extFields: ExtFields | null;
  body: Buffer | null;
  serializeType: SerializeType;
}

export function isResponse(command: RemotingCommand): boolean {
  return (command.flag & RPC_TYPE_RESPONSE) !== 0;
}

export function isOneway(command: RemotingCommand): boolean {
  return (command.flag & RPC_ONEWAY) !== 0;
}

export interface CommandInit {
  extFields?: ExtFields | null;
  body?: Buffer | null;
  remark?: string | null;
  serializeType?: SerializeType;
  language?: LanguageName;
  version?: number;
}

/** A request; its opaque is assigned by the connection that sends it. */
export function createRequest(code: number, init: CommandInit = {}): RemotingCommand {
  return {
    code,
    language: init.language ?? 'JAVA',
    version: init.version ?? MQ_VERSION,
    opaque: 0,
    flag: 0,
    remark: init.remark ?? null,
    extFields: init.extFields ?? null,
    body: init.body ?? null,
    serializeType: init.serializeType ?? SerializeType.JSON,
  };
}

/** A response to `request`: same opaque, same serialization, response flag set. */
export function createResponse(request: RemotingCommand, code: number, init: CommandInit = {}): RemotingCommand {
  return {
    code,
    language: init.language ?? 'JAVA',
    version: init.version ?? MQ_VERSION,
    opaque: request.opaque,
    flag: RPC_TYPE_RESPONSE,
    remark: init.remark ?? null,
    extFields: init.extFields ?? null,
    body: init.body ?? null,
    serializeType: request.serializeType,
  };
}

// ---------------------------------------------------------------------------------------
// Decoding

/** Decodes one frame (the bytes after the length prefix, as FrameDecoder yields them). */
export function decodeCommand(frame: Buffer): RemotingCommand {
  if (frame.length < 4) {
    throw new RocketMQError('FRAME_MALFORMED', `frame of ${frame.length} bytes has no header-length word`);
  }
  const word = frame.readUInt32BE(0);
  const type = word >>> 24;
  const headerLength = word & 0x00ffffff;
  if (headerLength > frame.length - 4) {
    throw new RocketMQError(
      'FRAME_MALFORMED',
      `header length ${headerLength} exceeds the ${frame.length - 4} bytes left in the frame`,
    );
  }
  const headerEnd = 4 + headerLength;
  const body = frame.length > headerEnd ? frame.subarray(headerEnd) : null;
  if (type === SerializeType.JSON) return decodeJsonHeader(frame, 4, headerEnd, body);
  if (type === SerializeType.ROCKETMQ) return decodeBinaryHeader(frame, 4, headerEnd, body);
  throw new RocketMQError('SERIALIZE_TYPE_UNKNOWN', `unknown serialize type ${type} (expected 0 JSON or 1 ROCKETMQ)`);
}

function decodeJsonHeader(frame: Buffer, start: number, end: number, body: Buffer | null): RemotingCommand {
  let parsed: unknown;
  try {
    parsed = JSON.parse(frame.toString('utf8', start, end));
  } catch (error) {
    throw new RocketMQError('HEADER_MALFORMED', `JSON header does not parse: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new RocketMQError('HEADER_MALFORMED', 'JSON header is not an object');
  }
  const header = parsed as Record<string, unknown>;
  return {
    code: jsonInteger(header, 'code', true),
    language: jsonLanguage(header['language']),
    version: jsonInteger(header, 'version', false),
    opaque: jsonInteger(header, 'opaque', true),
    flag: jsonInteger(header, 'flag', false),
    remark: jsonRemark(header['remark']),
    extFields: jsonExtFields(header['extFields']),
    body,
    serializeType: SerializeType.JSON,
  };
}

function jsonInteger(header: Record<string, unknown>, key: string, required: boolean): number {
  const value = header[key];
  if (value === undefined || value === null) {
    if (required) throw new RocketMQError('HEADER_MALFORMED', `JSON header has no "${key}"`);
    return 0;
  }
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new RocketMQError('HEADER_MALFORMED', `JSON header "${key}" is not an integer: ${JSON.stringify(value)}`);
  }
  return number;
}

function jsonLanguage(value: unknown): LanguageName {
  if (typeof value === 'string') return isLanguageName(value) ? value : 'OTHER';
  if (typeof value === 'number') return languageNameOf(value);
  return 'JAVA';
}

function jsonRemark(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function jsonExtFields(value: unknown): ExtFields | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new RocketMQError('HEADER_MALFORMED', 'JSON header "extFields" is not an object');
  }
  const parsed = value as Record<string, unknown>;
  const fields = emptyExtFields();
  for (const key in parsed) {
    const raw = parsed[key];
    if (raw === null || raw === undefined) continue;
    setExtField(fields, key, typeof raw === 'string' ? raw : typeof raw === 'object' ? JSON.stringify(raw) : String(raw));
  }
  return fields;
}

function decodeBinaryHeader(frame: Buffer, start: number, end: number, body: Buffer | null): RemotingCommand {
  const reader = new BoundedReader(frame, start, end);
  const code = reader.int16();
  const language = languageNameOf(reader.uint8());
  const version = reader.int16();
  const opaque = reader.int32();
  const flag = reader.int32();
  const remarkLength = reader.int32();
  const remark = remarkLength > 0 ? reader.utf8(remarkLength) : null;
  const extLength = reader.int32();
  let extFields: ExtFields | null = null;
  if (extLength > 0) {
    const extEnd = reader.position + extLength;
    if (extEnd > end) throw truncated('extFields', extLength, end - reader.position);
    extFields = decodeBinaryExtFields(frame, reader.position, extEnd);
  }
  return { code, language, version, opaque, flag, remark, extFields, body, serializeType: SerializeType.ROCKETMQ };
}

/**
 * Reads the ext map. The region is decoded to text once (latin1: one char per byte) and
 * ASCII keys and values are cut from it; only a non-ASCII one is decoded on its own as UTF-8.
 */
function decodeBinaryExtFields(frame: Buffer, start: number, end: number): ExtFields {
  const fields = emptyExtFields();
  const text = frame.toString('latin1', start, end);
  let at = start;
  while (at < end) {
    if (at + 2 > end) throw truncated('ext key length', 2, end - at);
    const keyLength = frame.readInt16BE(at);
    at += 2;
    if (keyLength < 0 || at + keyLength > end) throw truncated('ext key', keyLength, end - at);
    const key = extString(frame, text, start, at, keyLength);
    at += keyLength;
    if (at + 4 > end) throw truncated('ext value length', 4, end - at);
    const valueLength = frame.readInt32BE(at);
    at += 4;
    if (valueLength < 0 || at + valueLength > end) throw truncated('ext value', valueLength, end - at);
    const value = extString(frame, text, start, at, valueLength);
    at += valueLength;
    if (key !== '' && value !== '') setExtField(fields, key, value);
  }
  return fields;
}

function extString(frame: Buffer, text: string, textStart: number, at: number, length: number): string {
  const stop = at + length;
  for (let i = at; i < stop; i++) {
    if ((frame[i] as number) >= 0x80) return frame.toString('utf8', at, stop);
  }
  return text.substring(at - textStart, stop - textStart);
}

function truncated(what: string, wanted: number, left: number): RocketMQError {
  return new RocketMQError('HEADER_MALFORMED', `ROCKETMQ header truncated: ${what} needs ${wanted} bytes, ${left} left`);
}

class BoundedReader {
  constructor(
    private readonly buffer: Buffer,
    public position: number,
    private readonly end: number,
  ) {}

  private take(size: number, what: string): number {
    if (size < 0) throw new RocketMQError('HEADER_MALFORMED', `ROCKETMQ header has a negative ${what} length ${size}`);
    const at = this.position;
    if (at + size > this.end) throw truncated(what, size, this.end - at);
    this.position = at + size;
    return at;
  }

  uint8(): number {
    return this.buffer.readUInt8(this.take(1, 'int8'));
  }
  int16(): number {
    return this.buffer.readInt16BE(this.take(2, 'int16'));
  }
  int32(): number {
    return this.buffer.readInt32BE(this.take(4, 'int32'));
  }
  utf8(length: number): string {
    const at = this.take(length, 'string');
    return this.buffer.toString('utf8', at, at + length);
  }
}

// ---------------------------------------------------------------------------------------
// Encoding

/**
 * Encodes a command as the parts of one frame: the length prefix with the header, and
 * the body (not copied). Throws FRAME_TOO_LARGE past the frame limit.
 */
export function encodeCommandParts(command: RemotingCommand, maxFrameBytes: number = Limits.maxFrameBytes): Buffer[] {
  const bodyLength = command.body?.length ?? 0;
  const head =
    command.serializeType === SerializeType.ROCKETMQ ? encodeBinaryHead(command, bodyLength) : encodeJsonHead(command, bodyLength);
  const frameBytes = head.length + bodyLength;
  if (frameBytes > maxFrameBytes) {
    throw new RocketMQError('FRAME_TOO_LARGE', `frame of ${frameBytes} bytes exceeds the limit of ${maxFrameBytes} bytes`);
  }
  return command.body && bodyLength > 0 ? [head, command.body] : [head];
}

/** Encodes a command as one frame buffer, length prefix included. */
export function encodeCommand(command: RemotingCommand, maxFrameBytes: number = Limits.maxFrameBytes): Buffer {
  const parts = encodeCommandParts(command, maxFrameBytes);
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}

/** fastjson's member order: code, extFields, flag, language, opaque, remark, serializeTypeCurrentRPC, version. */
export function jsonHeaderText(command: RemotingCommand): string {
  let text = `{"code":${command.code},`;
  if (command.extFields !== null) text += `"extFields":${JSON.stringify(command.extFields)},`;
  text += `"flag":${command.flag},"language":"${command.language}","opaque":${command.opaque},`;
  if (command.remark !== null) text += `"remark":${JSON.stringify(command.remark)},`;
  text += `"serializeTypeCurrentRPC":"JSON","version":${command.version}}`;
  return text;
}

function encodeJsonHead(command: RemotingCommand, bodyLength: number): Buffer {
  const text = jsonHeaderText(command);
  const headerLength = Buffer.byteLength(text, 'utf8');
  const head = Buffer.allocUnsafe(8 + headerLength);
  head.writeInt32BE(4 + headerLength + bodyLength, 0);
  head.writeUInt32BE(headerLength, 4);
  head.write(text, 8, 'utf8');
  return head;
}

/** Finds a UTF-16 unit above 0x7F: text without one is ASCII. */
const NON_ASCII = /[\u0080-\uffff]/;

function int16Chars(value: number): string {
  return String.fromCharCode((value >>> 8) & 0xff, value & 0xff);
}

function int32Chars(value: number): string {
  return String.fromCharCode((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

/**
 * The ext map as latin1 text (length prefixes as one char per byte), or null when a key
 * or value is not ASCII and the map must be written entry by entry as UTF-8.
 */
function asciiExtRegion(extFields: ExtFields): string | null {
  let region = '';
  for (const key in extFields) {
    const value = extFields[key];
    if (value === undefined) continue;
    if (NON_ASCII.test(key) || NON_ASCII.test(value) || key.length > 0x7fff) return null;
    region += int16Chars(key.length) + key + int32Chars(value.length) + value;
  }
  return region;
}

function utf8ExtRegion(extFields: ExtFields): Buffer {
  const parts: Buffer[] = [];
  for (const key in extFields) {
    const value = extFields[key];
    if (value === undefined) continue;
    const keyBytes = Buffer.from(key, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    if (keyBytes.length > 0x7fff) throw new RocketMQError('HEADER_MALFORMED', `ext key of ${keyBytes.length} bytes is too long`);
    const lengths = Buffer.allocUnsafe(6);
    lengths.writeInt16BE(keyBytes.length, 0);
    lengths.writeInt32BE(valueBytes.length, 2);
    parts.push(lengths.subarray(0, 2), keyBytes, lengths.subarray(2), valueBytes);
  }
  return Buffer.concat(parts);
}

function encodeBinaryHead(command: RemotingCommand, bodyLength: number): Buffer {
  if (command.code < -32768 || command.code > 32767) {
    throw new RocketMQError('HEADER_MALFORMED', `code ${command.code} does not fit the ROCKETMQ header's int16`);
  }
  const remarkLength = command.remark === null ? 0 : Buffer.byteLength(command.remark, 'utf8');
  let asciiExt: string | null = null;
  let utf8Ext: Buffer | null = null;
  if (command.extFields !== null) {
    asciiExt = asciiExtRegion(command.extFields);
    if (asciiExt === null) utf8Ext = utf8ExtRegion(command.extFields);
  }
  const extLength = asciiExt !== null ? asciiExt.length : (utf8Ext?.length ?? 0);
  const headerLength = 17 + remarkLength + 4 + extLength;
  const head = Buffer.allocUnsafe(8 + headerLength);
  let at = head.writeInt32BE(4 + headerLength + bodyLength, 0);
  at = head.writeUInt32BE(((SerializeType.ROCKETMQ << 24) | headerLength) >>> 0, at);
  at = head.writeInt16BE(command.code, at);
  at = head.writeUInt8(LanguageCode[command.language], at);
  at = head.writeInt16BE(command.version, at);
  at = head.writeInt32BE(command.opaque | 0, at);
  at = head.writeInt32BE(command.flag | 0, at);
  at = head.writeInt32BE(remarkLength, at);
  if (command.remark !== null) at += head.write(command.remark, at, 'utf8');
  at = head.writeInt32BE(extLength, at);
  if (asciiExt !== null) head.write(asciiExt, at, 'latin1');
  else utf8Ext?.copy(head, at);
  return head;
}
