/**
 * MessageSysFlag: the int32 SYSFLAG of a message record and of the send header (`f`).
 *
 *   bit  0      0x001  COMPRESSED         the body bytes are compressed
 *   bit  1      0x002  MULTI_TAGS         set by the broker for MULTI_TAG topics
 *   bits 2–3    0x00C  transaction type   0 NOT_TYPE, 0x4 PREPARED, 0x8 COMMIT, 0xC ROLLBACK
 *   bit  4      0x010  BORNHOST_V6        born host is 16 + 4 bytes
 *   bit  5      0x020  STOREHOST_V6       store host is 16 + 4 bytes
 *   bit  6      0x040  NEED_UNWRAP        [5.x] inner batch
 *   bit  7      0x080  INNER_BATCH        [5.x] one record holds several messages
 *   bits 8–10   0x700  compression type   0 or 3 ZLIB, 1 LZ4, 2 ZSTD (4–7 unknown)
 *
 * The compression type bits only mean something when COMPRESSED is set; 0 is what clients
 * older than 4.9.4 (and ali-ons) send, and means ZLIB.
 */

export const MessageSysFlag = {
  COMPRESSED: 0x1,
  MULTI_TAGS: 0x2,
  BORNHOST_V6: 0x10,
  STOREHOST_V6: 0x20,
  NEED_UNWRAP: 0x40,
  INNER_BATCH: 0x80,
} as const;

export const TransactionType = {
  NOT_TYPE: 0,
  PREPARED: 0x4,
  COMMIT: 0x8,
  ROLLBACK: 0xc,
} as const;
export type TransactionType = (typeof TransactionType)[keyof typeof TransactionType];

const TRANSACTION_TYPE_MASK = 0xc;

/** The value of the compression-type bits (8–10) of each algorithm, unshifted. */
export const CompressionTypeValue = {
  LZ4: 1,
  ZSTD: 2,
  ZLIB: 3,
} as const;
export type CompressionType = keyof typeof CompressionTypeValue;

const COMPRESSION_TYPE_SHIFT = 8;
const COMPRESSION_TYPE_MASK = 0x7 << COMPRESSION_TYPE_SHIFT;

export function hasSysFlag(sysFlag: number, bit: number): boolean {
  return (sysFlag & bit) !== 0;
}

export function isCompressed(sysFlag: number): boolean {
  return hasSysFlag(sysFlag, MessageSysFlag.COMPRESSED);
}

export function transactionTypeOf(sysFlag: number): TransactionType {
  return (sysFlag & TRANSACTION_TYPE_MASK) as TransactionType;
}

/** `sysFlag` with its transaction bits replaced by `type`. */
export function withTransactionType(sysFlag: number, type: TransactionType): number {
  return (sysFlag & ~TRANSACTION_TYPE_MASK) | type;
}

/** The raw value of bits 8–10, 0..7. */
export function compressionTypeBits(sysFlag: number): number {
  return (sysFlag & COMPRESSION_TYPE_MASK) >>> COMPRESSION_TYPE_SHIFT;
}

/** The algorithm named by bits 8–10 (0 and 3 are ZLIB), or undefined for 4..7. */
export function compressionTypeOf(sysFlag: number): CompressionType | undefined {
  switch (compressionTypeBits(sysFlag)) {
    case 0:
    case CompressionTypeValue.ZLIB:
      return 'ZLIB';
    case CompressionTypeValue.LZ4:
      return 'LZ4';
    case CompressionTypeValue.ZSTD:
      return 'ZSTD';
    default:
      return undefined;
  }
}

/** `sysFlag` marked COMPRESSED with `type` in bits 8–10, as a 4.9.8 producer sends it (0x301 for ZLIB). */
export function withCompression(sysFlag: number, type: CompressionType): number {
  const typeBits = CompressionTypeValue[type] << COMPRESSION_TYPE_SHIFT;
  return (sysFlag & ~COMPRESSION_TYPE_MASK) | typeBits | MessageSysFlag.COMPRESSED;
}

/** `sysFlag` with the COMPRESSED bit cleared (the type bits are left, as Java does). */
export function withoutCompressedFlag(sysFlag: number): number {
  return sysFlag & ~MessageSysFlag.COMPRESSED;
}
