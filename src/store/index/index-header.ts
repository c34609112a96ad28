/**
 * The 40-byte header at the start of an index file, big-endian:
 *
 *   0   int64  beginTimestamp   store time of the file's first entry (ms)
 *   8   int64  endTimestamp     store time of its last entry
 *   16  int64  beginPhyOffset   commit-log offset of its first entry
 *   24  int64  endPhyOffset     commit-log offset of its last entry
 *   32  int32  hashSlotCount    slots that were empty (or invalid) when an entry went in
 *   36  int32  indexCount       next entry number: entries 1..indexCount−1 are written
 *
 * A new file that follows a full one starts with begin = end = the previous file's end
 * offset and timestamp, until its first entry replaces the begin values. An indexCount of
 * 0 or less reads as 1 (no entry yet), as RocketMQ does.
 */
import { RocketMQError } from '../../common/errors.js';
import { INDEX_HEADER_SIZE, type IndexGeometry } from './index-layout.js';

export interface IndexHeader {
  beginTimestamp: number;
  endTimestamp: number;
  beginPhyOffset: number;
  endPhyOffset: number;
  hashSlotCount: number;
  indexCount: number;
}

export function emptyIndexHeader(): IndexHeader {
  return { beginTimestamp: 0, endTimestamp: 0, beginPhyOffset: 0, endPhyOffset: 0, hashSlotCount: 0, indexCount: 1 };
}

export function encodeIndexHeader(header: Readonly<IndexHeader>): Buffer {
  const bytes = Buffer.alloc(INDEX_HEADER_SIZE);
  bytes.writeBigInt64BE(BigInt(header.beginTimestamp), 0);
  bytes.writeBigInt64BE(BigInt(header.endTimestamp), 8);
  bytes.writeBigInt64BE(BigInt(header.beginPhyOffset), 16);
  bytes.writeBigInt64BE(BigInt(header.endPhyOffset), 24);
  bytes.writeInt32BE(header.hashSlotCount, 32);
  bytes.writeInt32BE(header.indexCount, 36);
  return bytes;
}

/** Decodes a header; int64 fields beyond 2^53 are rejected as corrupt rather than rounded. */
export function decodeIndexHeader(bytes: Buffer, source: string): IndexHeader {
  if (bytes.length < INDEX_HEADER_SIZE) {
    throw new RocketMQError('STORE_CORRUPT', `${source}: index header has ${bytes.length} of ${INDEX_HEADER_SIZE} bytes`);
  }
  const indexCount = bytes.readInt32BE(36);
  return {
    beginTimestamp: readSafeInt64(bytes, 0, source),
    endTimestamp: readSafeInt64(bytes, 8, source),
    beginPhyOffset: readSafeInt64(bytes, 16, source),
    endPhyOffset: readSafeInt64(bytes, 24, source),
    hashSlotCount: bytes.readInt32BE(32),
    indexCount: indexCount <= 0 ? 1 : indexCount,
  };
}

/** Throws STORE_CORRUPT when the header's counts cannot belong to a file of `geometry`. */
export function checkIndexHeader(header: Readonly<IndexHeader>, geometry: IndexGeometry, source: string): void {
  if (header.indexCount > geometry.indexNum) {
    throw new RocketMQError('STORE_CORRUPT', `${source}: index count ${header.indexCount} exceeds the file's ${geometry.indexNum} entries`);
  }
  if (header.hashSlotCount < 0 || header.hashSlotCount > geometry.hashSlotNum) {
    throw new RocketMQError('STORE_CORRUPT', `${source}: hash slot count ${header.hashSlotCount} is outside 0..${geometry.hashSlotNum}`);
  }
}

function readSafeInt64(bytes: Buffer, position: number, source: string): number {
  const value = bytes.readBigInt64BE(position);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RocketMQError('STORE_CORRUPT', `${source}: header field at ${position} holds ${value}, beyond 2^53`);
  }
  return Number(value);
}
