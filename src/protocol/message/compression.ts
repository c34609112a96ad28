/**
 * Body compression, chosen by the compression-type bits of SYSFLAG (see sys-flag.ts), as
 * RocketMQ 4.9.8's `CompressorFactory` does.
 *
 * - ZLIB (type 0 or 3): a zlib stream with its 2-byte header and Adler-32 trailer, as
 *   `java.util.zip.Deflater` writes it; Java producers compress at level 5. Read and written.
 * - LZ4 (1): the LZ4 frame format (magic 0x184D2204), as lz4-java's `LZ4FrameOutputStream`
 *   writes it. Written like its default: FLG 0x60 (version 1, independent blocks, no
 *   checksums, no content size), BD 0x70 (4 MiB blocks), a block stored raw (high bit of
 *   its size set) when compressing does not make it smaller, the level ignored. Read: any
 *   frame of the format, independent or linked blocks, with or without content size, block
 *   checksums and content checksum (xxHash32, verified), skippable frames and concatenated
 *   frames; a frame that needs a dictionary or the legacy format is refused.
 * - ZSTD (2): standard zstd frames, as zstd-jni's `ZstdOutputStream` writes them. Read only
 *   (decoded by fzstd; no pure-JS compressor exists, and Node 20's zlib has no zstd): a
 *   frame that needs a dictionary is refused; the frame's XXH64 checksum is not verified.
 *   compressBody refuses ZSTD.
 *
 * An unknown type (4..7) and a corrupt or truncated stream raise RocketMQError
 * MESSAGE_MALFORMED.
 *
 * Decompression is bounded by `maxBytes` (64 MiB by default) so a small hostile body cannot
 * exhaust memory: ZLIB stops inflating past it; LZ4 checks a declared content size up front
 * and the output as it grows; ZSTD checks each frame's declared content size up front, its
 * window (the history a decoder holds, at most max(maxBytes, 8 MiB)) and the output as it
 * is produced.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { Decompress as ZstdStream } from 'fzstd';
import { RocketMQError } from '../../common/errors.js';
import { compressionTypeBits, compressionTypeOf, isCompressed, type CompressionType } from './sys-flag.js';

/** Level Java's producer uses (`compressMsgBodyOverHowmuch` bodies are compressed at 5). */
export const DEFAULT_COMPRESSION_LEVEL = 5;

/** Largest body decompression will produce unless the caller says otherwise. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** The compression types compressBody can write. */
export const WRITABLE_COMPRESSION_TYPES: readonly CompressionType[] = ['ZLIB', 'LZ4'];

/** Compresses `body` with `type` at `level` (0..9; LZ4 ignores it, as lz4-java's fast compressor does). */
export function compressBody(body: Uint8Array, type: CompressionType = 'ZLIB', level = DEFAULT_COMPRESSION_LEVEL): Buffer {
  switch (type) {
    case 'ZLIB':
      return deflateSync(body, { level });
    case 'LZ4':
      return lz4CompressFrame(body);
    case 'ZSTD':
      throw new RocketMQError('MESSAGE_MALFORMED', 'compression type ZSTD can be read but not written (only ZLIB and LZ4 are written)');
  }
}

/** Decompresses a body stored with `type`, refusing to produce more than `maxBytes`. */
export function decompressBody(body: Uint8Array, type: CompressionType = 'ZLIB', maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES): Buffer {
  switch (type) {
    case 'ZLIB':
      try {
        return inflateSync(body, { maxOutputLength: maxBytes });
      } catch (error) {
        throw new RocketMQError('MESSAGE_MALFORMED', `compressed body does not inflate: ${(error as Error).message}`, { cause: error });
      }
    case 'LZ4':
      return lz4Decompress(body, maxBytes);
    case 'ZSTD':
      return zstdDecompress(body, maxBytes);
  }
}

/** The readable body of a message: decompressed when `sysFlag` marks it compressed, else `body` itself. */
export function uncompressedBody(body: Buffer, sysFlag: number, maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES): Buffer {
  if (!isCompressed(sysFlag)) return body;
  return decompressBody(body, compressionTypeOfFlag(sysFlag), maxBytes);
}

/** The compression type named by `sysFlag`; throws MESSAGE_MALFORMED for bits 4..7. */
export function compressionTypeOfFlag(sysFlag: number): CompressionType {
  const type = compressionTypeOf(sysFlag);
  if (type === undefined) {
    throw new RocketMQError('MESSAGE_MALFORMED', `unknown compression type ${compressionTypeBits(sysFlag)} in sysFlag 0x${sysFlag.toString(16)}`);
  }
  return type;
}

function malformed(kind: string, detail: string): RocketMQError {
  return new RocketMQError('MESSAGE_MALFORMED', `${kind} body is malformed: ${detail}`);
}

function tooLarge(kind: string, maxBytes: number): RocketMQError {
  return new RocketMQError('MESSAGE_MALFORMED', `${kind} body decompresses to more than ${maxBytes} bytes`);
}

// ---------------------------------------------------------------------------------------
// xxHash32 (the checksum of the LZ4 frame format)

const PRIME32_1 = 0x9e3779b1;
const PRIME32_2 = 0x85ebca77;
const PRIME32_3 = 0xc2b2ae3d;
const PRIME32_4 = 0x27d4eb2f;
const PRIME32_5 = 0x165667b1;

function rotl32(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

function readU32LE(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0;
}

function xxhashRound(accumulator: number, lane: number): number {
  return Math.imul(rotl32((accumulator + Math.imul(lane, PRIME32_2)) | 0, 13), PRIME32_1);
}

/** xxHash32 of `bytes[start, end)` with seed 0, unsigned. */
export function xxhash32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let at = start;
  let hash: number;
  if (end - start >= 16) {
    let v1 = (PRIME32_1 + PRIME32_2) | 0;
    let v2 = PRIME32_2;
    let v3 = 0;
    let v4 = -PRIME32_1 | 0;
    for (const limit = end - 16; at <= limit; at += 16) {
      v1 = xxhashRound(v1, readU32LE(bytes, at));
      v2 = xxhashRound(v2, readU32LE(bytes, at + 4));
      v3 = xxhashRound(v3, readU32LE(bytes, at + 8));
      v4 = xxhashRound(v4, readU32LE(bytes, at + 12));
    }
    hash = (rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) + rotl32(v4, 18)) | 0;
  } else {
    hash = PRIME32_5;
  }
  hash = (hash + (end - start)) | 0;
  for (; at + 4 <= end; at += 4) {
    hash = Math.imul(rotl32((hash + Math.imul(readU32LE(bytes, at), PRIME32_3)) | 0, 17), PRIME32_4);
  }
  for (; at < end; at++) {
    hash = Math.imul(rotl32((hash + Math.imul(bytes[at] ?? 0, PRIME32_5)) | 0, 11), PRIME32_1);
  }
  hash = Math.imul(hash ^ (hash >>> 15), PRIME32_2);
  hash = Math.imul(hash ^ (hash >>> 13), PRIME32_3);
  return (hash ^ (hash >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------
// LZ4 frame format
//
//   magic 0x184D2204 (LE) | FLG | BD | [content size u64 LE] | [dict id u32 LE] | HC
//   FLG: bits 7-6 version (01), 5 block independence, 4 block checksum, 3 content size,
//        2 content checksum, 1 reserved (0), 0 dict id
//   BD:  bits 6-4 block maximum size (4: 64 KiB, 5: 256 KiB, 6: 1 MiB, 7: 4 MiB), others 0
//   HC:  (xxHash32(FLG .. last descriptor byte) >> 8) & 0xFF
//   blocks: u32 LE size (high bit: stored raw; 0: end mark) | data | [xxHash32 of data]
//   after the end mark: [xxHash32 of the content]
// Skippable frames: magic 0x184D2A50..5F, u32 LE size, that many bytes.

const LZ4_MAGIC = 0x184d2204;
const LZ4_SKIPPABLE_MAGIC_BASE = 0x184d2a50;
const LZ4_LEGACY_MAGIC = 0x184c2102;
const LZ4_FLG_VERSION = 0x40;
const LZ4_FLG_BLOCK_INDEPENDENCE = 0x20;
const LZ4_FLG_BLOCK_CHECKSUM = 0x10;
const LZ4_FLG_CONTENT_SIZE = 0x08;
const LZ4_FLG_CONTENT_CHECKSUM = 0x04;
const LZ4_FLG_DICT_ID = 0x01;
const LZ4_BLOCK_RAW = 0x80000000;
const LZ4_MIN_MATCH = 4;
const LZ4_MAX_OFFSET = 65535;
/** The last match starts at least this far from the block's end, and the last 5 bytes are literals. */
const LZ4_MF_LIMIT = 12;
const LZ4_LAST_LITERALS = 5;
/** lz4-java's default: BD 0x70, 4 MiB blocks. */
const LZ4_WRITE_BLOCK_SIZE_ID = 7;
const LZ4_HASH_LOG = 16;

function lz4BlockMaxSize(sizeId: number): number {
  return 1 << (2 * sizeId + 8);
}

/** Output that grows on demand, never past `maxBytes`. */
class BoundedOutput {
  bytes: Uint8Array;
  length = 0;

  constructor(
    initialBytes: number,
    readonly maxBytes: number,
  ) {
    this.bytes = new Uint8Array(Math.min(initialBytes, maxBytes));
  }

  /** Makes room for `count` more bytes. */
  reserve(count: number): void {
    const needed = this.length + count;
    if (needed <= this.bytes.length) return;
    if (needed > this.maxBytes) throw tooLarge('LZ4', this.maxBytes);
    const grown = new Uint8Array(Math.min(this.maxBytes, Math.max(needed, this.bytes.length * 2)));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}

function lz4Decompress(input: Uint8Array, maxBytes: number): Buffer {
  const out = new BoundedOutput(Math.max(64 * 1024, input.length * 4), maxBytes);
  let at = 0;
  do {
    if (input.length - at < 4) throw malformed('LZ4', `truncated frame magic at byte ${at}`);
    const magic = readU32LE(input, at);
    if (magic === LZ4_MAGIC) {
      at = lz4DecodeFrame(input, at + 4, out);
    } else if ((magic & 0xfffffff0) === LZ4_SKIPPABLE_MAGIC_BASE) {
      if (input.length - at < 8) throw malformed('LZ4', 'truncated skippable frame');
      at += 8 + readU32LE(input, at + 4);
      if (at > input.length) throw malformed('LZ4', 'truncated skippable frame');
    } else if (magic === LZ4_LEGACY_MAGIC) {
      throw malformed('LZ4', 'the legacy LZ4 format is not supported');
    } else {
      throw malformed('LZ4', `bad frame magic 0x${magic.toString(16)} at byte ${at}`);
    }
  } while (at < input.length);
  return Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.length);
}

/** Decodes one frame whose descriptor starts at `at` into `out`; returns the position after it. */
function lz4DecodeFrame(input: Uint8Array, at: number, out: BoundedOutput): number {
  const descriptorStart = at;
  const flg = input[at] ?? -1;
  const bd = input[at + 1] ?? -1;
  if (flg < 0 || bd < 0) throw malformed('LZ4', 'truncated frame descriptor');
  if ((flg & 0xc0) !== LZ4_FLG_VERSION) throw malformed('LZ4', `unsupported frame version ${flg >>> 6}`);
  if ((flg & 0x02) !== 0 || (bd & 0x8f) !== 0) throw malformed('LZ4', 'reserved descriptor bits are set');
  if ((flg & LZ4_FLG_DICT_ID) !== 0) throw malformed('LZ4', 'the frame needs a dictionary');
  const sizeId = (bd >>> 4) & 0x7;
  if (sizeId < 4) throw malformed('LZ4', `bad block maximum size id ${sizeId}`);
  const blockMaxSize = lz4BlockMaxSize(sizeId);
  at += 2;
  let contentSize: number | undefined;
  if ((flg & LZ4_FLG_CONTENT_SIZE) !== 0) {
    if (input.length - at < 8) throw malformed('LZ4', 'truncated frame descriptor');
    const low = readU32LE(input, at);
    const high = readU32LE(input, at + 4);
    // Anything past 2^53 is far beyond any bound anyway.
    contentSize = high >= 0x200000 ? Number.MAX_SAFE_INTEGER : high * 0x100000000 + low;
    at += 8;
  }
  if (at >= input.length) throw malformed('LZ4', 'truncated frame descriptor');
  const headerChecksum = (xxhash32(input, descriptorStart, at) >>> 8) & 0xff;
  if (input[at] !== headerChecksum) throw malformed('LZ4', 'frame descriptor checksum mismatch');
  at += 1;
  if (contentSize !== undefined && contentSize > out.maxBytes - out.length) throw tooLarge('LZ4', out.maxBytes);

  const frameStart = out.length;
  const independent = (flg & LZ4_FLG_BLOCK_INDEPENDENCE) !== 0;
  const blockChecksums = (flg & LZ4_FLG_BLOCK_CHECKSUM) !== 0;
  for (;;) {
    if (input.length - at < 4) throw malformed('LZ4', 'truncated block (no end mark)');
    const word = readU32LE(input, at);
    at += 4;
    if (word === 0) break;
    const size = word & ~LZ4_BLOCK_RAW;
    if (size > blockMaxSize) throw malformed('LZ4', `block of ${size} bytes exceeds the frame's ${blockMaxSize}-byte maximum`);
    const dataEnd = at + size;
    if (dataEnd + (blockChecksums ? 4 : 0) > input.length) throw malformed('LZ4', 'truncated block');
    if (blockChecksums && readU32LE(input, dataEnd) !== xxhash32(input, at, dataEnd)) throw malformed('LZ4', 'block checksum mismatch');
    if ((word & LZ4_BLOCK_RAW) !== 0) {
      out.reserve(size);
      out.bytes.set(input.subarray(at, dataEnd), out.length);
      out.length += size;
    } else {
      lz4DecodeBlock(input, at, dataEnd, out, independent ? out.length : frameStart, blockMaxSize);
    }
    at = dataEnd + (blockChecksums ? 4 : 0);
  }
  if (contentSize !== undefined && out.length - frameStart !== contentSize) {
    throw malformed('LZ4', `frame declares ${contentSize} bytes of content but holds ${out.length - frameStart}`);
  }
  if ((flg & LZ4_FLG_CONTENT_CHECKSUM) !== 0) {
    if (input.length - at < 4) throw malformed('LZ4', 'truncated content checksum');
    if (readU32LE(input, at) !== xxhash32(out.bytes, frameStart, out.length)) throw malformed('LZ4', 'content checksum mismatch');
    at += 4;
  }
  return at;
}

/**
 * Decodes the LZ4 block `input[start, end)` onto `out`. Matches may reach back to
 * `windowStart` (the block's own start for independent blocks, the frame's for linked ones).
 */
function lz4DecodeBlock(input: Uint8Array, start: number, end: number, out: BoundedOutput, windowStart: number, blockMaxSize: number): void {
  const blockStart = out.length;
  let at = start;
  for (;;) {
    const token = input[at++];
    if (token === undefined || at > end) throw malformed('LZ4', 'truncated sequence');
    let literals = token >>> 4;
    if (literals === 15) literals += readLz4Length(input, () => at++, end);
    if (literals > end - at) throw malformed('LZ4', 'literals run past the block');
    if (out.length - blockStart + literals > blockMaxSize) throw malformed('LZ4', 'block decodes past its maximum size');
    out.reserve(literals);
    out.bytes.set(input.subarray(at, at + literals), out.length);
    out.length += literals;
    at += literals;
    if (at === end) return;
    if (end - at < 2) throw malformed('LZ4', 'truncated match offset');
    const offset = (input[at] ?? 0) | ((input[at + 1] ?? 0) << 8);
    at += 2;
    if (offset === 0 || offset > out.length - windowStart) throw malformed('LZ4', `match offset ${offset} reaches before the window`);
    let matchLength = token & 0xf;
    if (matchLength === 15) matchLength += readLz4Length(input, () => at++, end);
    matchLength += LZ4_MIN_MATCH;
    if (out.length - blockStart + matchLength > blockMaxSize) throw malformed('LZ4', 'block decodes past its maximum size');
    out.reserve(matchLength);
    const bytes = out.bytes;
    let to = out.length;
    let from = to - offset;
    if (offset >= matchLength) {
      bytes.copyWithin(to, from, from + matchLength);
    } else {
      for (const stop = to + matchLength; to < stop; ) bytes[to++] = bytes[from++] ?? 0;
    }
    out.length += matchLength;
  }
}

/** The extra length bytes after a 15 nibble: each adds its value, 255 says another follows. */
function readLz4Length(input: Uint8Array, next: () => number, end: number): number {
  let length = 0;
  for (;;) {
    const at = next();
    if (at >= end) throw malformed('LZ4', 'truncated length');
    const byte = input[at] ?? 0;
    length += byte;
    if (byte !== 255) return length;
  }
}

/** One LZ4 frame as lz4-java's `LZ4FrameOutputStream` writes it by default. */
function lz4CompressFrame(body: Uint8Array): Buffer {
  const blockMaxSize = lz4BlockMaxSize(LZ4_WRITE_BLOCK_SIZE_ID);
  const blocks = Math.ceil(body.length / blockMaxSize);
  // Header, then per block: size word + worst-case compressed size; end mark.
  const out = Buffer.alloc(7 + blocks * 4 + body.length + Math.ceil(body.length / 255) + blocks * 16 + 4);
  out.writeUInt32LE(LZ4_MAGIC, 0);
  out[4] = LZ4_FLG_VERSION | LZ4_FLG_BLOCK_INDEPENDENCE;
  out[5] = LZ4_WRITE_BLOCK_SIZE_ID << 4;
  out[6] = (xxhash32(out, 4, 6) >>> 8) & 0xff;
  let at = 7;
  const table = new Int32Array(1 << LZ4_HASH_LOG);
  for (let start = 0; start < body.length; start += blockMaxSize) {
    const end = Math.min(body.length, start + blockMaxSize);
    const compressedEnd = lz4CompressBlock(body, start, end, out, at + 4, table);
    const compressedSize = compressedEnd - at - 4;
    if (compressedSize < end - start) {
      out.writeUInt32LE(compressedSize, at);
      at = compressedEnd;
    } else {
      out.writeUInt32LE((LZ4_BLOCK_RAW | (end - start)) >>> 0, at);
      out.set(body.subarray(start, end), at + 4);
      at += 4 + end - start;
    }
  }
  out.writeUInt32LE(0, at);
  return out.subarray(0, at + 4);
}

function lz4Hash(sequence: number): number {
  return Math.imul(sequence, 2654435761) >>> (32 - LZ4_HASH_LOG);
}

/**
 * Greedy LZ4 block compression of `src[start, end)` into `out` at `outAt`, matches found
 * through a hash table of 4-byte sequences; returns the end of the written block. The
 * block is independent: matches never reach before `start`.
 */
function lz4CompressBlock(src: Uint8Array, start: number, end: number, out: Uint8Array, outAt: number, table: Int32Array): number {
  table.fill(-1);
  let anchor = start;
  let at = start;
  const matchStartLimit = end - LZ4_MF_LIMIT;
  const matchEndLimit = end - LZ4_LAST_LITERALS;
  while (at <= matchStartLimit) {
    const sequence = readU32LE(src, at);
    const slot = lz4Hash(sequence);
    const candidate = table[slot] ?? -1;
    table[slot] = at;
    if (candidate < start || at - candidate > LZ4_MAX_OFFSET || readU32LE(src, candidate) !== sequence) {
      // Step further the longer nothing matched, as the reference compressor does.
      at += 1 + ((at - anchor) >>> 6);
      continue;
    }
    let length = LZ4_MIN_MATCH;
    while (at + length < matchEndLimit && src[candidate + length] === src[at + length]) length++;
    let matchAt = at;
    for (let from = candidate; matchAt > anchor && from > start && src[matchAt - 1] === src[from - 1]; from--) {
      matchAt--;
      length++;
    }
    outAt = lz4WriteSequence(src, anchor, matchAt, at - candidate, length, out, outAt);
    at = matchAt;
    at += length;
    anchor = at;
  }
  return lz4WriteSequence(src, anchor, end, 0, 0, out, outAt);
}

/** Writes literals `src[from, to)` then (when `matchLength` > 0) a match; returns the new output end. */
function lz4WriteSequence(src: Uint8Array, from: number, to: number, offset: number, matchLength: number, out: Uint8Array, outAt: number): number {
  const literals = to - from;
  const matchExtra = matchLength - LZ4_MIN_MATCH;
  const tokenAt = outAt++;
  out[tokenAt] = (Math.min(literals, 15) << 4) | (matchLength > 0 ? Math.min(matchExtra, 15) : 0);
  if (literals >= 15) outAt = writeLz4Length(literals - 15, out, outAt);
  out.set(src.subarray(from, to), outAt);
  outAt += literals;
  if (matchLength === 0) return outAt;
  out[outAt++] = offset & 0xff;
  out[outAt++] = offset >>> 8;
  if (matchExtra >= 15) outAt = writeLz4Length(matchExtra - 15, out, outAt);
  return outAt;
}

function writeLz4Length(rest: number, out: Uint8Array, outAt: number): number {
  for (; rest >= 255; rest -= 255) out[outAt++] = 255;
  out[outAt++] = rest;
  return outAt;
}

// ---------------------------------------------------------------------------------------
// ZSTD frames (RFC 8878): decoded by fzstd after each frame's header is checked here.
//
//   magic 0xFD2FB528 (LE) | FHD | [window descriptor] | [dict id] | [content size] |
//   blocks (3-byte LE header: bit 0 last, bits 1-2 type, bits 3-23 size) | [XXH64 checksum]
//   FHD: bits 7-6 content size field code, 5 single segment, 3 reserved, 2 checksum,
//        1-0 dict id field code
// Skippable frames: magic 0x184D2A50..5F, u32 LE size, that many bytes.

const ZSTD_MAGIC = 0xfd2fb528;
const ZSTD_BLOCK_MAX = 128 * 1024;
/** The window every decoder should support (RFC 8878 §3.1.1.1.2); larger ones up to maxBytes. */
const ZSTD_WINDOW_FLOOR = 8 * 1024 * 1024;

function zstdDecompress(input: Uint8Array, maxBytes: number): Buffer {
  checkZstdFrames(input, maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const stream = new ZstdStream((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge('ZSTD', maxBytes);
    // Each chunk is a fresh array (fzstd's streaming mode keeps its window apart).
    if (chunk.length > 0) chunks.push(chunk);
  });
  try {
    stream.push(input, true);
  } catch (error) {
    if (error instanceof RocketMQError) throw error;
    throw new RocketMQError('MESSAGE_MALFORMED', `ZSTD body is malformed: ${(error as Error).message}`, { cause: error });
  }
  return Buffer.concat(chunks, total);
}

/**
 * Walks the frames of `input` without decoding them: every frame complete, no dictionary,
 * a declared content size within `maxBytes` and a window a decoder may hold.
 */
function checkZstdFrames(input: Uint8Array, maxBytes: number): void {
  const windowLimit = Math.max(maxBytes, ZSTD_WINDOW_FLOOR);
  let declared = 0;
  let at = 0;
  do {
    if (input.length - at < 4) throw malformed('ZSTD', `truncated frame magic at byte ${at}`);
    const magic = readU32LE(input, at);
    if ((magic & 0xfffffff0) === LZ4_SKIPPABLE_MAGIC_BASE) {
      if (input.length - at < 8) throw malformed('ZSTD', 'truncated skippable frame');
      at += 8 + readU32LE(input, at + 4);
      if (at > input.length) throw malformed('ZSTD', 'truncated skippable frame');
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw malformed('ZSTD', `bad frame magic 0x${magic.toString(16)} at byte ${at}`);
    at += 4;
    const fhd = input[at++];
    if (fhd === undefined) throw malformed('ZSTD', 'truncated frame header');
    if ((fhd & 0x08) !== 0) throw malformed('ZSTD', 'reserved frame header bit is set');
    const singleSegment = (fhd & 0x20) !== 0;
    const dictIdBytes = [0, 1, 2, 4][fhd & 0x3] ?? 0;
    const sizeCode = fhd >>> 6;
    const contentSizeBytes = sizeCode === 0 ? (singleSegment ? 1 : 0) : 1 << sizeCode;
    const headerRest = (singleSegment ? 0 : 1) + dictIdBytes + contentSizeBytes;
    if (input.length - at < headerRest) throw malformed('ZSTD', 'truncated frame header');
    let windowSize = 0;
    if (!singleSegment) {
      const descriptor = input[at++] ?? 0;
      const base = 2 ** (10 + (descriptor >>> 3));
      windowSize = base + (base / 8) * (descriptor & 0x7);
    }
    let dictId = 0;
    for (let i = 0; i < dictIdBytes; i++) dictId += (input[at++] ?? 0) * 2 ** (8 * i);
    if (dictId !== 0) throw malformed('ZSTD', `the frame needs dictionary ${dictId}`);
    let contentSize: number | undefined;
    if (contentSizeBytes > 0) {
      contentSize = 0;
      for (let i = 0; i < contentSizeBytes; i++) contentSize += (input[at++] ?? 0) * 2 ** (8 * i);
      if (contentSizeBytes === 2) contentSize += 256;
      declared += contentSize;
      if (declared > maxBytes) throw tooLarge('ZSTD', maxBytes);
    }
    if (singleSegment) windowSize = contentSize ?? 0;
    if (windowSize > windowLimit) throw malformed('ZSTD', `window of ${windowSize} bytes exceeds the ${windowLimit}-byte limit`);
    const blockMax = Math.min(ZSTD_BLOCK_MAX, Math.max(windowSize, 1));
    for (let last = false; !last; ) {
      if (input.length - at < 3) throw malformed('ZSTD', 'truncated block header');
      const header = (input[at] ?? 0) | ((input[at + 1] ?? 0) << 8) | ((input[at + 2] ?? 0) << 16);
      at += 3;
      last = (header & 1) !== 0;
      const blockType = (header >>> 1) & 0x3;
      const size = header >>> 3;
      if (blockType === 3) throw malformed('ZSTD', 'reserved block type');
      if (size > blockMax) throw malformed('ZSTD', `block of ${size} bytes exceeds the frame's ${blockMax}-byte maximum`);
      at += blockType === 1 ? 1 : size;
      if (at > input.length) throw malformed('ZSTD', 'truncated block');
    }
    if ((fhd & 0x04) !== 0) {
      at += 4;
      if (at > input.length) throw malformed('ZSTD', 'truncated content checksum');
    }
  } while (at < input.length);
}
