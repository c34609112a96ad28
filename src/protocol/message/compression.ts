/**
 * Body compression, chosen by the compression-type bits of SYSFLAG (see sys-flag.ts), as
 * RocketMQ 4.9.8's `CompressorFactory` does. This module is the public API; the formats
 * live in their own modules.
 *
 * - ZLIB (type 0 or 3): a zlib stream with its 2-byte header and Adler-32 trailer, as
 *   `java.util.zip.Deflater` writes it; Java producers compress at level 5. Read and written
 *   (node:zlib).
 * - LZ4 (1): the LZ4 frame format (lz4-frame.ts, checksums by xxhash32.ts), as lz4-java's
 *   `LZ4FrameOutputStream` writes it. Written like its default (4 MiB independent blocks, no
 *   checksums, no content size, the level ignored); any frame of the format is read, except
 *   one that needs a dictionary and the legacy format.
 * - ZSTD (2): standard zstd frames (zstd-frame.ts), as zstd-jni's `ZstdOutputStream` writes
 *   them. Read only (decoded by fzstd; no pure-JS compressor exists, and Node 20's zlib has
 *   no zstd): a frame that needs a dictionary is refused; the frame's XXH64 checksum is not
 *   verified. compressBody refuses ZSTD.
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
import { RocketMQError } from '../../common/errors.js';
import { lz4CompressFrame, lz4Decompress } from './lz4-frame.js';
import { compressionTypeBits, compressionTypeOf, isCompressed, type CompressionType } from './sys-flag.js';
import { zstdDecompress } from './zstd-frame.js';

export { xxhash32 } from './xxhash32.js';

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
