import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPRESSION_LEVEL, compressBody, compressionTypeOfFlag, decompressBody, uncompressedBody } from './compression.js';
import { xxhash32 } from './xxhash32.js';

const malformed = expect.objectContaining({ code: 'MESSAGE_MALFORMED' });
const text = Buffer.from('golden compressed message '.repeat(400));
const fixture = (name: string): Buffer => readFileSync(new URL(`../../../test/fixtures/compression/${name}`, import.meta.url));
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
/** Byte equality without vitest's element-by-element deep compare (slow on large buffers). */
const expectBytes = (actual: Uint8Array, expected: Uint8Array): void => {
  expect(actual.length).toBe(expected.length);
  expect(sha256(actual)).toBe(sha256(expected));
};

const originals = { text: fixture('text.txt'), large: fixture('large.txt'), random: fixture('random.bin') };

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
    expectBytes(decompressBody(compressBody(text)), text);
  });

  it('reads compression types 0 and 3 as ZLIB', () => {
    const compressed = compressBody(text);
    expectBytes(uncompressedBody(compressed, 0x001), text);
    expectBytes(uncompressedBody(compressed, 0x301), text);
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

describe('LZ4 compression', () => {
  it('writes the frame header lz4-java writes by default: FLG 0x60, BD 0x70, HC 0x73', () => {
    const compressed = compressBody(text, 'LZ4');
    expect(compressed.subarray(0, 7).toString('hex')).toBe('04224d18607073');
    expect(compressed.subarray(-4)).toEqual(Buffer.alloc(4));
    expect(compressed.length).toBeLessThan(text.length / 10);
  });

  it('writes the same header as the bodies the Java 4.9.8 client sent', () => {
    expect(fixture('java-4.9.8-body.lz4').subarray(0, 7)).toEqual(compressBody(text, 'LZ4').subarray(0, 7));
  });

  it('stores an incompressible block raw, with the high bit of its size set', () => {
    const compressed = compressBody(originals.random, 'LZ4');
    expect(compressed.readUInt32LE(7)).toBe((0x80000000 | originals.random.length) >>> 0);
    expectBytes(decompressBody(compressed, 'LZ4'), originals.random);
  });

  it('writes an empty body as a header and an end mark', () => {
    const compressed = compressBody(Buffer.alloc(0), 'LZ4');
    expect(compressed.length).toBe(11);
    expectBytes(decompressBody(compressed, 'LZ4'), Buffer.alloc(0));
  });

  it('cuts a body larger than 4 MiB into 4 MiB blocks', () => {
    const body = Buffer.alloc(4 * 1024 * 1024 + 1000, 'abcdefgh');
    const compressed = compressBody(body, 'LZ4');
    expectBytes(decompressBody(compressed, 'LZ4'), body);
  });

  it('round-trips any bytes', () => {
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc.array(fc.constantFrom('ab', 'abc', 'RocketMQ ', 'x', '\u0000\u0001'), { maxLength: 800 }).map((parts) => Buffer.from(parts.join(''))),
    );
    fc.assert(
      fc.property(bodies, (body) => {
        expectBytes(decompressBody(compressBody(body, 'LZ4'), 'LZ4'), Buffer.from(body));
      }),
    );
  });

  it('is read through the sysFlag (0x101)', () => {
    expectBytes(uncompressedBody(compressBody(text, 'LZ4'), 0x101), text);
  });
});

describe('LZ4 frames written by the reference tools', () => {
  it.each([
    ['text.java-default.lz4', 'text'],
    ['text.lz4', 'text'],
    ['large.B4.lz4', 'large'],
    ['large.B4D-hc.lz4', 'large'],
    ['large.B5-block-checksums-content-size.lz4', 'large'],
    ['random.B4.lz4', 'random'],
  ] as const)('%s decodes to %s', (name, original) => {
    expectBytes(decompressBody(fixture(name), 'LZ4'), originals[original]);
  });

  it('a body the Java 4.9.8 client compressed with LZ4 decodes to what it sent', () => {
    const body = uncompressedBody(fixture('java-4.9.8-body.lz4'), 0x101);
    expect(body.length).toBe(6779);
    expect(sha256(body)).toBe('797651681094d8513e1502b877d15a157227bb6470561fed0b592a86aa1c0d2e');
  });

  it('reads a skippable frame and concatenated frames', () => {
    const skippable = Buffer.alloc(12);
    skippable.writeUInt32LE(0x184d2a53, 0);
    skippable.writeUInt32LE(4, 4);
    const frames = Buffer.concat([fixture('text.lz4'), skippable, fixture('large.B4.lz4')]);
    expectBytes(decompressBody(frames, 'LZ4'), Buffer.concat([originals.text, originals.large]));
  });
});

describe('LZ4 refusals', () => {
  const large = fixture('large.B4.lz4');

  it('refuses output beyond the bound, checked as it grows', () => {
    expect(() => decompressBody(large, 'LZ4', 100_000)).toThrow(/more than 100000 bytes/);
    expectBytes(decompressBody(large, 'LZ4', originals.large.length), originals.large);
  });

  it('refuses a declared content size beyond the bound before decoding', () => {
    expect(() => decompressBody(fixture('large.B5-block-checksums-content-size.lz4'), 'LZ4', 1000)).toThrow(/more than 1000 bytes/);
  });

  it('refuses a tiny body of long matches that would expand past the bound', () => {
    // One sequence: a literal, then a match of offset 1 whose length takes 255-bytes.
    const sequence = Buffer.concat([Buffer.from([0x1f, 0x41, 0x01, 0x00]), Buffer.alloc(4000, 0xff), Buffer.from([0x00, 0x00])]);
    const block = Buffer.alloc(4);
    block.writeUInt32LE(sequence.length);
    const frame = Buffer.concat([Buffer.from('04224d18607073', 'hex'), block, sequence, Buffer.alloc(4)]);
    expect(() => decompressBody(frame, 'LZ4', 10_000)).toThrow(malformed);
  });

  it('refuses every truncation of a frame', () => {
    const frame = fixture('text.lz4');
    for (let length = 0; length < frame.length; length++) {
      expect(() => decompressBody(frame.subarray(0, length), 'LZ4')).toThrow(malformed);
    }
  });

  it('refuses a bad magic, a bad header checksum, a flipped block byte and a bad content checksum', () => {
    const frame = fixture('large.B5-block-checksums-content-size.lz4');
    const flip = (at: number): Buffer => {
      const copy = Buffer.from(frame);
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy;
    };
    expect(() => decompressBody(flip(0), 'LZ4')).toThrow(/bad frame magic/);
    expect(() => decompressBody(flip(6), 'LZ4')).toThrow(/descriptor checksum/);
    expect(() => decompressBody(flip(40), 'LZ4')).toThrow(/block checksum/);
    expect(() => decompressBody(flip(frame.length - 1), 'LZ4')).toThrow(/content checksum/);
    const text = Buffer.from(fixture('text.lz4'));
    text[30] = (text[30] ?? 0) ^ 0x20;
    expect(() => decompressBody(text, 'LZ4')).toThrow(malformed);
  });

  it('refuses a frame that needs a dictionary', () => {
    const flags = Buffer.from([0x61, 0x70]);
    const header = Buffer.concat([Buffer.from('04224d18', 'hex'), flags, Buffer.alloc(4, 1)]);
    const descriptorChecksum = (xxhash32(header, 4) >>> 8) & 0xff;
    expect(() => decompressBody(Buffer.concat([header, Buffer.from([descriptorChecksum]), Buffer.alloc(4)]), 'LZ4')).toThrow(/dictionary/);
  });

  it('never throws anything but MESSAGE_MALFORMED on random bytes after a valid header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        try {
          decompressBody(Buffer.concat([Buffer.from('04224d18607073', 'hex'), tail]), 'LZ4', 1 << 20);
        } catch (error) {
          expect(error).toEqual(malformed);
        }
      }),
    );
  });
});

describe('ZSTD', () => {
  it.each([
    ['text.zst', originals.text],
    ['large.zst', originals.large],
    ['large.stream.zst', originals.large],
    ['random.zst', originals.random],
    ['text-then-large.zst', Buffer.concat([originals.text, originals.large])],
  ])('%s, written by the zstd tool, decodes to its original', (name, original) => {
    expectBytes(decompressBody(fixture(name), 'ZSTD'), original);
  });

  it('a body the Java 4.9.8 client compressed with ZSTD decodes to what it sent', () => {
    const body = uncompressedBody(fixture('java-4.9.8-body.zst'), 0x201);
    expect(body.length).toBe(6712);
    expect(sha256(body)).toBe('3e68676e6537c6bc5e14ea3fcc12ae153bee0573ba30443cd4470de7ae677f62');
  });

  it('refuses output beyond the bound: a declared content size up front, else as it is produced', () => {
    expect(() => decompressBody(fixture('large.zst'), 'ZSTD', 1000)).toThrow(/more than 1000 bytes/);
    expect(() => decompressBody(fixture('large.stream.zst'), 'ZSTD', 100_000)).toThrow(/more than 100000 bytes/);
    expectBytes(decompressBody(fixture('large.stream.zst'), 'ZSTD', originals.large.length), originals.large);
  });

  it('refuses a window larger than a decoder may hold for a tiny body', () => {
    // No content size, window descriptor 0xF8: 2^41 bytes, then one empty raw last block.
    const frame = Buffer.from('28b52ffd00f8010000', 'hex');
    expect(() => decompressBody(frame, 'ZSTD')).toThrow(/window/);
  });

  it('refuses every truncation of a frame', () => {
    const frame = fixture('text.zst');
    for (let length = 0; length < frame.length; length++) {
      expect(() => decompressBody(frame.subarray(0, length), 'ZSTD')).toThrow(malformed);
    }
  });

  it('refuses a bad magic, a reserved block type and a frame that needs a dictionary', () => {
    expect(() => decompressBody(Buffer.from('not zstd at all'), 'ZSTD')).toThrow(/bad frame magic/);
    expect(() => decompressBody(Buffer.from('28b52ffd2000070000', 'hex'), 'ZSTD')).toThrow(/reserved block type/);
    expect(() => decompressBody(Buffer.from('28b52ffd210700010000', 'hex'), 'ZSTD')).toThrow(/dictionary 7/);
  });

  it('never throws anything but MESSAGE_MALFORMED on corrupted frames', () => {
    const frame = fixture('large.stream.zst');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: frame.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const copy = Buffer.from(frame);
        copy[at] = (copy[at] ?? 0) ^ xor;
        try {
          decompressBody(copy, 'ZSTD', 1 << 20);
        } catch (error) {
          expect(error).toEqual(malformed);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is not written: compressBody refuses ZSTD with a clear message', () => {
    expect(() => compressBody(text, 'ZSTD')).toThrow(/ZSTD can be read but not written/);
  });
});

describe('unknown compression types', () => {
  it.each([4, 5, 6, 7])('type %i is refused', (type) => {
    const sysFlag = (type << 8) | 0x1;
    expect(() => compressionTypeOfFlag(sysFlag)).toThrow(new RegExp(`unknown compression type ${type}`));
    expect(() => uncompressedBody(text, sysFlag)).toThrow(malformed);
  });
});
