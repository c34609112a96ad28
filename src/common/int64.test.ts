import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInt64, writeInt64 } from './int64.js';

describe('int64', () => {
  it('writes what Buffer.writeBigInt64BE writes and reads it back, for every safe integer', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (value) => {
        const ours = Buffer.alloc(8);
        const reference = Buffer.alloc(8);
        writeInt64(ours, value, 0);
        reference.writeBigInt64BE(BigInt(value), 0);
        expect(ours.equals(reference)).toBe(true);
        expect(readInt64(ours, 0)).toBe(value);
      }),
    );
  });
});
