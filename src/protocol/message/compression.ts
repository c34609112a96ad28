/**
 * Body compression, chosen by the compression-type bits of SYSFLAG (see sys-flag.ts).
 *
 * ZLIB (type 0 or 3) is a zlib stream with its 2-byte header and Adler-32 trailer, as
 * `java.util.zip.Deflater` writes it; Java producers compress at level 5. LZ4 (1) and
 * ZSTD (2) are RocketMQ 5.x options this implementation cannot read or write; they, an
 * unknown type (4..7) and a corrupt stream raise RocketMQError MESSAGE_MALFORMED.
 *
 * Decompression is bounded (64 MiB by default) so a small hostile body cannot exhaust
 * memory.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { RocketMQError } from '../../common/errors.js';
import { compressionTypeBits, compressionTypeOf, isCompressed, type CompressionType } from './sys-flag.js';

/** Level Java's producer uses (`compressMsgBodyOverHowmuch` bodies are compressed at 5). */
export const DEFAULT_COMPRESSION_LEVEL = 5;

/** Largest body decompression will produce unless the caller says otherwise. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** Compresses `body` with `type` at `level` (0..9). */
export function compressBody(body: Uint8Array, type: CompressionType = 'ZLIB', level = DEFAULT_COMPRESSION_LEVEL): Buffer {
  requireZlib(type);
  return deflateSync(body, { level });
}

/** Decompresses a body stored with `type`. */
export function decompressBody(body: Uint8Array, type: CompressionType = 'ZLIB', maxBytes = DEFAULT_MAX_DECOMPRESSED_BYTES): Buffer {
  requireZlib(type);
  try {
    return inflateSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    throw new RocketMQError('MESSAGE_MALFORMED', `compressed body does not inflate: ${(error as Error).message}`, { cause: error });
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

function requireZlib(type: CompressionType): void {
  if (type !== 'ZLIB') {
    throw new RocketMQError('MESSAGE_MALFORMED', `compression type ${type} is not supported (only ZLIB is)`);
  }
}
