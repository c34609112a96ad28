/**
 * The LZ4 frame format (https://github.com/lz4/lz4/blob/dev/doc/lz4_Frame_format.md and
 * lz4_Block_format.md): the reader of any frame, and the writer of the frame lz4-java's
 * `LZ4FrameOutputStream` writes by default.
 *
 *   frame: magic 0x184D2204 (u32 LE) | FLG | BD | [content size u64 LE] | [dict id u32 LE] | HC
 *          | blocks | end mark (u32 0) | [content checksum: xxHash32 of the content, u32 LE]
 *   FLG:   bits 7-6 version (01), 5 block independence, 4 block checksum, 3 content size,
 *          2 content checksum, 1 reserved (0), 0 dict id
 *   BD:    bits 6-4 block maximum size (4: 64 KiB, 5: 256 KiB, 6: 1 MiB, 7: 4 MiB), others 0
 *   HC:    (xxHash32(FLG .. last descriptor byte) >> 8) & 0xFF
 *   block: size word u32 LE (high bit set: data stored raw; low 31 bits: data size)
 *          | data | [block checksum: xxHash32 of data, u32 LE]
 *   block data: sequences of token (literal length << 4 | match length - 4), extra literal
 *          length bytes (after a 15 nibble; 255 says another follows), literals, match offset
 *          u16 LE, extra match length bytes; the last sequence is literals only.
 * Skippable frames (compressed-frame.ts) and concatenated frames are read; the legacy
 * format (magic 0x184C2102) and frames that need a dictionary are refused.
 *
 * Written: FLG 0x60 (version 1, independent blocks, no checksums, no content size), BD 0x70
 * (4 MiB blocks), HC 0x73; each block compressed greedily, or stored raw when that does not
 * make it smaller.
 *
 * Invariants: decoding never produces more than `maxBytes` (a declared content size is
 * checked up front, the output as it grows) and never reads past the input; a block never
 * decodes past its frame's block maximum size, and a match never reaches before its window;
 * every checksum present is verified; malformed input raises RocketMQError MESSAGE_MALFORMED.
 */
import { isSkippableMagic, malformed, readU32LE, skipSkippableFrame, tooLarge } from './compressed-frame.js';
import { xxhash32 } from './xxhash32.js';

const LZ4_MAGIC = 0x184d2204;
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

/** Decodes the LZ4 frames of `input` (skippable ones skipped), producing at most `maxBytes`. */
export function lz4Decompress(input: Uint8Array, maxBytes: number): Buffer {
  const out = new BoundedOutput(Math.max(64 * 1024, input.length * 4), maxBytes);
  let at = 0;
  do {
    if (input.length - at < 4) throw malformed('LZ4', `truncated frame magic at byte ${at}`);
    const magic = readU32LE(input, at);
    if (magic === LZ4_MAGIC) {
      at = lz4DecodeFrame(input, at + 4, out);
    } else if (isSkippableMagic(magic)) {
      at = skipSkippableFrame(input, at, 'LZ4');
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
export function lz4CompressFrame(body: Uint8Array): Buffer {
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
