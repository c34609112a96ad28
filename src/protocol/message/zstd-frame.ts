/**
 * ZSTD frames (RFC 8878), read only: each frame's header and block headers are walked and
 * checked here, then fzstd decodes the frames.
 *
 *   frame: magic 0xFD2FB528 (u32 LE) | FHD | [window descriptor] | [dict id] | [content size]
 *          | blocks | [content checksum: low 32 bits of XXH64, u32 LE]
 *   FHD:   bits 7-6 content size field code (0: 0 bytes, or 1 when single segment; 1: 2 bytes,
 *          value + 256; 2: 4 bytes; 3: 8 bytes), 5 single segment (no window descriptor; the
 *          window is the content size), 4 unused, 3 reserved (0), 2 content checksum, 1-0 dict
 *          id field code (0, 1, 2 or 4 bytes)
 *   window descriptor: bits 7-3 exponent, 2-0 mantissa; window = 2^(10+exp) * (1 + mant/8)
 *   block: 3-byte LE header (bit 0 last block, bits 2-1 type: 0 raw, 1 RLE (1 data byte),
 *          2 compressed, 3 reserved; bits 23-3 size) | data; a block is at most
 *          min(128 KiB, window) bytes
 * Skippable frames (compressed-frame.ts) and concatenated frames are read; a frame that
 * needs a dictionary is refused; the content checksum is skipped, not verified.
 *
 * Invariants: never more than `maxBytes` produced (the declared content sizes of all frames
 * are checked up front, the output as fzstd produces it); a frame's window is at most
 * max(maxBytes, 8 MiB), so a tiny body cannot make the decoder hold a huge history; every
 * frame is whole before decoding starts; malformed input, and any error fzstd raises, is
 * RocketMQError MESSAGE_MALFORMED.
 */
import { Decompress as ZstdStream } from 'fzstd';
import { RocketMQError } from '../../common/errors.js';
import { isSkippableMagic, malformed, readU32LE, skipSkippableFrame, tooLarge } from './compressed-frame.js';

const ZSTD_MAGIC = 0xfd2fb528;
const ZSTD_BLOCK_MAX = 128 * 1024;
/** The window every decoder should support (RFC 8878 §3.1.1.1.2); larger ones up to maxBytes. */
const ZSTD_WINDOW_FLOOR = 8 * 1024 * 1024;

/** Decodes the ZSTD frames of `input` (skippable ones skipped), producing at most `maxBytes`. */
export function zstdDecompress(input: Uint8Array, maxBytes: number): Buffer {
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
    if (isSkippableMagic(magic)) {
      at = skipSkippableFrame(input, at, 'ZSTD');
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
