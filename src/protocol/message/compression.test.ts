import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPRESSION_LEVEL, compressBody, compressionTypeOfFlag, decompressBody, uncompressedBody } from './compression.js';

const malformed = expect.objectContaining({ code: 'MESSAGE_MALFORMED' });
const text = Buffer.from('golden compressed message '.repeat(400));

describe('ZLIB compression', () => {
  it('writes a zlib stream with its header, as java.util.zip.Deflater does', () => {
    const compressed = compressBody(text);
    expect(compressed[0]).toBe(0x78);
    expect(compressed.length).toBeLessThan(text.length / 10);
  });

  it('compresses at level 5 by default, like the Java producer', () => {
    expect(DEFAULT_COMPRESSION_LEVEL).toBe(5);
    expect(compressBody(text)).toEqual(deflateSync(text, { level: 5 }));
    expect(compressBody(text, 'ZLIB', 9)).toEqual(deflateSync(text, { level: 9 }));
  });

  it('round-trips', () => {
    expect(decompressBody(compressBody(text))).toEqual(text);
  });

  it('reads compression types 0 and 3 as ZLIB', () => {
    const compressed = compressBody(text);
    expect(uncompressedBody(compressed, 0x001)).toEqual(text);
    expect(uncompressedBody(compressed, 0x301)).toEqual(text);
  });

  it('leaves a body alone when the COMPRESSED bit is clear', () => {
    expect(uncompressedBody(text, 0x300)).toBe(text);
  });

  it('refuses a corrupt stream with MESSAGE_MALFORMED', () => {
    expect(() => decompressBody(Buffer.from('not zlib at all'))).toThrow(malformed);
  });

  it('refuses to inflate beyond the given bound', () => {
    expect(() => decompressBody(compressBody(text), 'ZLIB', 100)).toThrow(malformed);
  });
});

describe('unsupported compression', () => {
  it('LZ4 and ZSTD are refused with a clear MESSAGE_MALFORMED', () => {
    expect(() => uncompressedBody(text, 0x101)).toThrow(/compression type LZ4 is not supported/);
    expect(() => uncompressedBody(text, 0x201)).toThrow(/compression type ZSTD is not supported/);
    expect(() => compressBody(text, 'ZSTD')).toThrow(malformed);
  });

  it('an unknown type value (4..7) is refused', () => {
    expect(() => compressionTypeOfFlag(0x501)).toThrow(/unknown compression type 5/);
    expect(() => uncompressedBody(text, 0x701)).toThrow(malformed);
  });
});
