import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import { checkIndexHeader, decodeIndexHeader, emptyIndexHeader, encodeIndexHeader } from './index-header.js';

const header = {
  beginTimestamp: 1795540425865,
  endTimestamp: 1795540428590,
  beginPhyOffset: 0,
  endPhyOffset: 3121039,
  hashSlotCount: 990,
  indexCount: 4000,
};
const geometry = { hashSlotNum: 1000, indexNum: 4000 };

function corruptOf(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch (error) {
    return isRocketMQError(error, 'STORE_CORRUPT');
  }
}

describe('index header', () => {
  it('is 40 big-endian bytes: begin/end timestamp, begin/end offset, slot count, index count', () => {
    const bytes = encodeIndexHeader(header);
    expect(bytes.length).toBe(40);
    expect(bytes.readBigInt64BE(0)).toBe(1795540425865n);
    expect(bytes.readBigInt64BE(8)).toBe(1795540428590n);
    expect(bytes.readBigInt64BE(24)).toBe(3121039n);
    expect(bytes.readInt32BE(32)).toBe(990);
    expect(bytes.readInt32BE(36)).toBe(4000);
    expect(decodeIndexHeader(bytes, 't')).toEqual(header);
  });

  it('starts empty with index count 1, entry 0 being unused', () => {
    expect(emptyIndexHeader()).toEqual({ beginTimestamp: 0, endTimestamp: 0, beginPhyOffset: 0, endPhyOffset: 0, hashSlotCount: 0, indexCount: 1 });
  });

  it('reads an index count of 0 or less as 1', () => {
    expect(decodeIndexHeader(Buffer.alloc(40), 't').indexCount).toBe(1);
    const negative = encodeIndexHeader({ ...header, indexCount: -5 });
    expect(decodeIndexHeader(negative, 't').indexCount).toBe(1);
  });

  it('rejects a short header and 64-bit values beyond 2^53 as corrupt', () => {
    expect(corruptOf(() => decodeIndexHeader(Buffer.alloc(39), 't'))).toBe(true);
    const huge = encodeIndexHeader(header);
    huge.writeBigInt64BE(1n << 60n, 16);
    expect(corruptOf(() => decodeIndexHeader(huge, 't'))).toBe(true);
  });

  it('accepts counts that fit the file and rejects counts that exceed it', () => {
    expect(corruptOf(() => checkIndexHeader(header, geometry, 't'))).toBe(false);
    expect(corruptOf(() => checkIndexHeader({ ...header, indexCount: 4001 }, geometry, 't'))).toBe(true);
    expect(corruptOf(() => checkIndexHeader({ ...header, hashSlotCount: 1001 }, geometry, 't'))).toBe(true);
    expect(corruptOf(() => checkIndexHeader({ ...header, hashSlotCount: -1 }, geometry, 't'))).toBe(true);
  });
});
