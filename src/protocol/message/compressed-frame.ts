/**
 * What the LZ4 and ZSTD frame readers (lz4-frame.ts, zstd-frame.ts) share: their errors,
 * the little-endian word read and the skippable frame both formats define.
 *
 *   skippable frame: magic 0x184D2A50..0x184D2A5F (u32 LE) | size (u32 LE) | size bytes
 *
 * Invariants: a malformed or truncated input and an output past the caller's bound are both
 * RocketMQError MESSAGE_MALFORMED, the message naming the compression type; a skippable
 * frame is skipped whole or refused, never read past the input's end.
 */
import { RocketMQError } from '../../common/errors.js';

/** The error for a body of compression type `kind` that is not a valid stream of it. */
export function malformed(kind: string, detail: string): RocketMQError {
  return new RocketMQError('MESSAGE_MALFORMED', `${kind} body is malformed: ${detail}`);
}

/** The error for a body of compression type `kind` that would decompress past `maxBytes`. */
export function tooLarge(kind: string, maxBytes: number): RocketMQError {
  return new RocketMQError('MESSAGE_MALFORMED', `${kind} body decompresses to more than ${maxBytes} bytes`);
}

/** The unsigned little-endian 32-bit word at `bytes[at]` (missing bytes read as 0). */
export function readU32LE(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16) | ((bytes[at + 3] ?? 0) << 24)) >>> 0;
}

const SKIPPABLE_MAGIC_BASE = 0x184d2a50;

/** Whether `magic` opens a skippable frame (0x184D2A50..5F). */
export function isSkippableMagic(magic: number): boolean {
  return (magic & 0xfffffff0) === SKIPPABLE_MAGIC_BASE;
}

/** The position after the skippable frame that starts at `at`; throws if it is truncated. */
export function skipSkippableFrame(input: Uint8Array, at: number, kind: string): number {
  if (input.length - at < 8) throw malformed(kind, 'truncated skippable frame');
  const end = at + 8 + readU32LE(input, at + 4);
  if (end > input.length) throw malformed(kind, 'truncated skippable frame');
  return end;
}
