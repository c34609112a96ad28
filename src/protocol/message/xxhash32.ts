/**
 * xxHash32 (Yann Collet's XXH32, the reference at https://github.com/Cyan4973/xxHash,
 * doc/xxhash_spec.md), the checksum of the LZ4 frame format: seed 0, result unsigned.
 *
 *   input of 16 bytes or more: four lanes v1..v4 (seeded PRIME1+PRIME2, PRIME2, 0, -PRIME1)
 *     each take a u32 LE per 16-byte stripe: v = rotl(v + lane * PRIME2, 13) * PRIME1;
 *     then hash = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)
 *   shorter input: hash = PRIME5
 *   hash += length; the remaining u32 LE words, then bytes, are folded in; then the avalanche
 *   (xor-shift 15, * PRIME2, xor-shift 13, * PRIME3, xor-shift 16).
 *
 * Invariants: all arithmetic is modulo 2^32 (Math.imul and `| 0`); the result is in
 * [0, 2^32); only `bytes[start, end)` is read.
 */
import { readU32LE } from './compressed-frame.js';

const PRIME32_1 = 0x9e3779b1;
const PRIME32_2 = 0x85ebca77;
const PRIME32_3 = 0xc2b2ae3d;
const PRIME32_4 = 0x27d4eb2f;
const PRIME32_5 = 0x165667b1;

function rotl32(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
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
