import { describe, expect, it } from 'vitest';
import { xxhash32 } from './xxhash32.js';

describe('xxHash32', () => {
  it('matches the reference values', () => {
    expect(xxhash32(Buffer.alloc(0))).toBe(0x02cc5d05);
    expect(xxhash32(Buffer.from('abc'))).toBe(0x32d153ff);
    // The header checksum byte lz4-java writes after FLG 0x60, BD 0x70.
    expect((xxhash32(Buffer.from([0x60, 0x70])) >>> 8) & 0xff).toBe(0x73);
  });
});
