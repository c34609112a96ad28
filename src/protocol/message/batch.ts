/**
 * The body of SEND_BATCH_MESSAGE (code 320): the batch's messages one after another, each
 *
 *   int32  TOTALSIZE     bytes of this entry, this field included (= 22 + L + Q)
 *   int32  MAGICCODE     0 (ignored by brokers)
 *   int32  BODYCRC       0 (the broker computes it)
 *   int32  FLAG          user flag
 *   int32  BODYLENGTH L, then L body bytes
 *   int16  PROPERTIESLENGTH Q, then Q properties bytes (see properties.ts)
 *
 * All big-endian, no count and no separator. Encoding writes 0 for magic and CRC, as the
 * Java client does. Decoding is strict: every length must be non-negative and fit, and
 * TOTALSIZE must equal the entry's real size, or it throws RocketMQError MESSAGE_MALFORMED.
 * A decoded body is a view into the batch body.
 */
import { RocketMQError } from '../../common/errors.js';
import {
  MAX_PROPERTIES_BYTES,
  decodePropertiesBytes,
  encodePropertiesBytes,
  type MessageProperties,
  type MessagePropertiesInput,
} from './properties.js';

export interface BatchEntry {
  flag: number;
  body: Buffer;
  properties: MessageProperties;
}

export interface BatchEntryInput {
  flag: number;
  body: Uint8Array;
  properties: MessagePropertiesInput;
}

/** Bytes of an entry before its body (size, magic, CRC, flag, body length). */
const ENTRY_HEAD_BYTES = 20;
const PROPERTIES_LENGTH_BYTES = 2;

/** Bytes of one entry with a body of `bodyBytes` and properties of `propertiesBytes`. */
export function batchEntrySize(bodyBytes: number, propertiesBytes: number): number {
  return ENTRY_HEAD_BYTES + bodyBytes + PROPERTIES_LENGTH_BYTES + propertiesBytes;
}

export function encodeBatch(entries: readonly BatchEntryInput[]): Buffer {
  const encodedProperties = entries.map((entry) => encodePropertiesBytes(entry.properties));
  const sizes = entries.map((entry, index) => batchEntrySize(entry.body.length, encodedProperties[index]?.length ?? 0));
  const target = Buffer.allocUnsafe(sizes.reduce((sum, size) => sum + size, 0));
  let position = 0;
  entries.forEach((entry, index) => {
    position = writeEntry(target, position, entry, encodedProperties[index] ?? Buffer.alloc(0));
  });
  return target;
}

export function decodeBatch(body: Buffer): BatchEntry[] {
  const entries: BatchEntry[] = [];
  for (let offset = 0; offset < body.length; ) {
    const { entry, size } = decodeEntry(body, offset);
    entries.push(entry);
    offset += size;
  }
  return entries;
}

function writeEntry(target: Buffer, offset: number, entry: BatchEntryInput, properties: Buffer): number {
  if (properties.length > MAX_PROPERTIES_BYTES) {
    throw malformed(`batch entry properties are ${properties.length} bytes, more than ${MAX_PROPERTIES_BYTES}`);
  }
  if (!Number.isInteger(entry.flag) || entry.flag < -0x80000000 || entry.flag > 0x7fffffff) {
    throw malformed(`batch entry flag ${entry.flag} is not an int32`);
  }
  let position = target.writeInt32BE(batchEntrySize(entry.body.length, properties.length), offset);
  position = target.writeInt32BE(0, position);
  position = target.writeInt32BE(0, position);
  position = target.writeInt32BE(entry.flag, position);
  position = target.writeInt32BE(entry.body.length, position);
  target.set(entry.body, position);
  position = target.writeInt16BE(properties.length, position + entry.body.length);
  target.set(properties, position);
  return position + properties.length;
}

function decodeEntry(source: Buffer, offset: number): { entry: BatchEntry; size: number } {
  const remaining = source.length - offset;
  if (remaining < batchEntrySize(0, 0)) {
    throw malformed(`batch entry at offset ${offset}: ${remaining} bytes left, an entry needs at least ${batchEntrySize(0, 0)}`);
  }
  const totalSize = source.readInt32BE(offset);
  const flag = source.readInt32BE(offset + 12);
  const bodyLength = source.readInt32BE(offset + 16);
  if (bodyLength < 0 || bodyLength > remaining - batchEntrySize(0, 0)) {
    throw malformed(`batch entry at offset ${offset}: body length ${bodyLength} does not fit in ${remaining} bytes`);
  }
  const bodyStart = offset + ENTRY_HEAD_BYTES;
  const propertiesLength = source.readInt16BE(bodyStart + bodyLength);
  const size = batchEntrySize(bodyLength, propertiesLength);
  if (propertiesLength < 0 || size > remaining) {
    throw malformed(`batch entry at offset ${offset}: properties length ${propertiesLength} does not fit in ${remaining} bytes`);
  }
  if (totalSize !== size) {
    throw malformed(`batch entry at offset ${offset}: TOTALSIZE ${totalSize} but its fields take ${size} bytes`);
  }
  const propertiesStart = bodyStart + bodyLength + PROPERTIES_LENGTH_BYTES;
  const entry = {
    flag,
    body: source.subarray(bodyStart, bodyStart + bodyLength),
    properties: decodePropertiesBytes(source, propertiesStart, propertiesStart + propertiesLength),
  };
  return { entry, size };
}

function malformed(message: string): RocketMQError {
  return new RocketMQError('MESSAGE_MALFORMED', message);
}
