import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLANK_UNIT_SIZE,
  blankUnits,
  CQ_STORE_UNIT_SIZE,
  decodeUnit,
  encodeUnit,
  firstInvalidUnit,
  isBlankUnit,
  isBlankUnitAt,
  isMessageUnitAt,
  isValidUnitAt,
} from './cq-unit.js';

describe('consume-queue unit codec', () => {
  it('lays a unit out as big-endian int64 offset, int32 size, int64 tag code: 20 bytes', () => {
    const buffer = Buffer.alloc(CQ_STORE_UNIT_SIZE);
    encodeUnit(buffer, 0, 0x0102030405, 0x0a0b0c0d, -2);
    expect(buffer.toString('hex')).toBe('0000000102030405' + '0a0b0c0d' + 'fffffffffffffffe');
  });

  it('decodes what it encodes, with the logical offset it is given', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 1, max: 0x7fffffff }), fc.maxSafeInteger(), fc.nat(), (offset, size, tags, at) => {
        const buffer = Buffer.alloc(CQ_STORE_UNIT_SIZE * 2);
        encodeUnit(buffer, CQ_STORE_UNIT_SIZE, offset, size, tags);
        expect(decodeUnit(buffer, CQ_STORE_UNIT_SIZE, at)).toEqual({ commitLogOffset: offset, size, tagsCode: tags, queueOffset: at });
      }),
    );
  });

  it('calls a unit valid when its offset is not negative and its size positive, as RocketMQ does', () => {
    const buffer = Buffer.alloc(CQ_STORE_UNIT_SIZE * 4);
    encodeUnit(buffer, 0, 0, 1, 0);
    encodeUnit(buffer, 20, -1, 10, 0);
    encodeUnit(buffer, 40, 10, 0, 0);
    expect([0, 20, 40, 60].map((at) => isValidUnitAt(buffer, at))).toEqual([true, false, false, false]);
    expect(firstInvalidUnit(buffer)).toBe(1);
  });

  it('knows the blank unit RocketMQ writes before a queue that starts late: offset 0, size Integer.MAX_VALUE, tag 0', () => {
    const blanks = blankUnits(2);
    expect(blanks.subarray(0, 20).toString('hex')).toBe('0000000000000000' + '7fffffff' + '0000000000000000');
    expect(isBlankUnitAt(blanks, 20) && isValidUnitAt(blanks, 20) && !isMessageUnitAt(blanks, 20)).toBe(true);
    expect(isBlankUnit({ commitLogOffset: 0, size: BLANK_UNIT_SIZE, tagsCode: 0, queueOffset: 7 })).toBe(true);
    expect(isBlankUnit({ commitLogOffset: 0, size: 100, tagsCode: 0, queueOffset: 0 })).toBe(false);
  });
});
