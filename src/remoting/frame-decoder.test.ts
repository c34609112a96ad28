import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../common/errors.js';
import { FrameDecoder } from './frame-decoder.js';

function frame(payload: Buffer): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(payload.length);
  return Buffer.concat([prefix, payload]);
}

/** Splits `data` at the given cut points (sorted, deduplicated, within bounds). */
function split(data: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (data.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(data.subarray(from, point));
    from = point;
  }
  chunks.push(data.subarray(from));
  return chunks;
}

describe('FrameDecoder', () => {
  it('yields each frame without its length prefix', () => {
    const decoder = new FrameDecoder();
    const payload = Buffer.from('\x00\x00\x00\x02{}body');
    expect(decoder.push(frame(payload))).toEqual([payload]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('holds a partial frame until the rest arrives', () => {
    const decoder = new FrameDecoder();
    const data = frame(Buffer.alloc(100, 7));
    expect(decoder.push(data.subarray(0, 3))).toEqual([]);
    expect(decoder.push(data.subarray(3, 50))).toEqual([]);
    expect(decoder.bufferedBytes).toBe(50);
    expect(decoder.push(data.subarray(50))).toEqual([Buffer.alloc(100, 7)]);
  });

  it('refuses a frame over the 16 MiB limit from its prefix alone', () => {
    const prefix = Buffer.alloc(4);
    prefix.writeInt32BE(16 * 1024 * 1024 - 3);
    expect(() => new FrameDecoder().push(prefix)).toThrow(/exceeds the limit of 16777216 bytes/);
  });

  it('accepts a frame of exactly the limit', () => {
    const decoder = new FrameDecoder(1024);
    expect(decoder.push(frame(Buffer.alloc(1020)))).toHaveLength(1);
  });

  it('refuses a negative length and a length too small for the header-length word', () => {
    const negative = Buffer.from([0xff, 0xff, 0xff, 0xf0]);
    expect(() => new FrameDecoder().push(negative)).toThrow(/frame length -16 is too small/);
    expect(() => new FrameDecoder().push(Buffer.from([0, 0, 0, 3]))).toThrow(/too small/);
  });

  it('decodes any sequence of frames split into chunks anywhere', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 4, maxLength: 300 }), { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (payloads, cuts) => {
          const data = Buffer.concat(payloads.map((payload) => frame(Buffer.from(payload))));
          const decoder = new FrameDecoder();
          const out = split(data, cuts).flatMap((chunk) => decoder.push(chunk));
          expect(out.map((b) => [...b])).toEqual(payloads.map((p) => [...p]));
          expect(decoder.bufferedBytes).toBe(0);
        },
      ),
    );
  });

  it('on random bytes in random chunks throws nothing but a protocol error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 10 }), (bytes, cuts) => {
        const decoder = new FrameDecoder(4096);
        try {
          for (const chunk of split(Buffer.from(bytes), cuts)) decoder.push(chunk);
        } catch (error) {
          expect(isRocketMQError(error) && error.closesConnection).toBe(true);
        }
      }),
    );
  });
});
