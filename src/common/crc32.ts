/**
 * CRC-32 with the zlib polynomial (0xEDB88320 reflected), as `java.util.zip.CRC32` computes
 * it, and RocketMQ's body checksum derived from it.
 *
 * RocketMQ stores BODYCRC as a Java int but clears the sign bit first, so the stored value
 * is always in [0, 2^31): `crc32(body) & 0x7FFFFFFF`. Both functions are pure and take any
 * byte view; pass a `subarray` to checksum part of a larger buffer without copying.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';

/** The unsigned CRC-32 of `data`, in [0, 2^32). */
export function crc32(data: Uint8Array): number {
  return zlibCrc32(data);
}

/** RocketMQ's BODYCRC of a stored body: the CRC-32 with its top bit cleared. */
export function messageBodyCrc(body: Uint8Array): number {
  return crc32(body) & 0x7fffffff;
}
