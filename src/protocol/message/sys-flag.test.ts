import { describe, expect, it } from 'vitest';
import {
  MessageSysFlag,
  TransactionType,
  compressionTypeBits,
  compressionTypeOf,
  hasSysFlag,
  isCompressed,
  transactionTypeOf,
  withCompression,
  withTransactionType,
  withoutCompressedFlag,
} from './sys-flag.js';

describe('MessageSysFlag', () => {
  it('has the bit values of RocketMQ 4.9.8', () => {
    expect(MessageSysFlag).toEqual({ COMPRESSED: 0x1, MULTI_TAGS: 0x2, BORNHOST_V6: 0x10, STOREHOST_V6: 0x20, NEED_UNWRAP: 0x40, INNER_BATCH: 0x80 });
    expect(TransactionType).toEqual({ NOT_TYPE: 0, PREPARED: 0x4, COMMIT: 0x8, ROLLBACK: 0xc });
  });

  it('tests single bits', () => {
    expect(hasSysFlag(0x30, MessageSysFlag.STOREHOST_V6)).toBe(true);
    expect(hasSysFlag(0x30, MessageSysFlag.COMPRESSED)).toBe(false);
    expect(isCompressed(0x301)).toBe(true);
  });
});

describe('transaction type', () => {
  it('is read from bits 2–3', () => {
    expect(transactionTypeOf(0x4 | 0x1)).toBe(TransactionType.PREPARED);
    expect(transactionTypeOf(0xc | 0x30)).toBe(TransactionType.ROLLBACK);
    expect(transactionTypeOf(0x301)).toBe(TransactionType.NOT_TYPE);
  });

  it('is replaced without touching other bits', () => {
    expect(withTransactionType(0x4 | 0x301, TransactionType.COMMIT)).toBe(0x8 | 0x301);
    expect(withTransactionType(0xc | 0x10, TransactionType.NOT_TYPE)).toBe(0x10);
  });
});

describe('compression type', () => {
  it('reads 0 and 3 as ZLIB, 1 as LZ4, 2 as ZSTD', () => {
    expect(compressionTypeOf(0x001)).toBe('ZLIB');
    expect(compressionTypeOf(0x301)).toBe('ZLIB');
    expect(compressionTypeOf(0x101)).toBe('LZ4');
    expect(compressionTypeOf(0x201)).toBe('ZSTD');
  });

  it('is undefined for the unassigned values 4..7', () => {
    for (const bits of [4, 5, 6, 7]) expect(compressionTypeOf(bits << 8)).toBeUndefined();
    expect(compressionTypeBits(0x701)).toBe(7);
  });

  it('marks a message compressed with its type bits, as a 4.9.8 producer does (0x301 for ZLIB)', () => {
    expect(withCompression(0, 'ZLIB')).toBe(0x301);
    expect(withCompression(0x4, 'LZ4')).toBe(0x105);
    expect(withCompression(0x301, 'ZSTD')).toBe(0x201);
  });

  it('clears only the COMPRESSED bit, leaving the type bits as Java does', () => {
    expect(withoutCompressedFlag(0x301)).toBe(0x300);
  });
});
