import { describe, expect, it } from 'vitest';
import { crc32, messageBodyCrc } from './crc32.js';

describe('crc32', () => {
  it('is the zlib CRC-32 of the bytes ("123456789" → 0xCBF43926)', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('is 0 for no bytes', () => {
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('checksums a view of a larger buffer without needing a copy', () => {
    const data = Buffer.from('xx123456789yy');
    expect(crc32(data.subarray(2, 11))).toBe(0xcbf43926);
  });
});

describe('messageBodyCrc', () => {
  it('clears the top bit, as RocketMQ stores BODYCRC (0xCBF43926 → 0x4BF43926)', () => {
    expect(messageBodyCrc(Buffer.from('123456789'))).toBe(0x4bf43926);
  });

  it('matches the captured pull record of "hello-1" (1648445226)', () => {
    expect(messageBodyCrc(Buffer.from('hello-1'))).toBe(1648445226);
  });
});
