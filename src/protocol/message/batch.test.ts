import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import { batchEntrySize, decodeBatch, encodeBatch, type BatchEntry } from './batch.js';
import { toMessageProperties } from './properties.js';

const malformed = expect.objectContaining({ code: 'MESSAGE_MALFORMED' });
const entry = (body: string, properties: Record<string, string>, flag = 0) => ({ flag, body: Buffer.from(body), properties: toMessageProperties(properties) });
const viewOf = (entries: BatchEntry[]) => entries.map((decoded) => ({ flag: decoded.flag, body: decoded.body.toString('hex'), properties: Object.entries(decoded.properties) }));

describe('batch body', () => {
  it('lays out size, magic 0, CRC 0, flag, body and properties per message', () => {
    const body = encodeBatch([entry('ab', { K: 'v' }, 7)]);
    expect(body.toString('hex')).toBe('0000001b' + '00000000' + '00000000' + '00000007' + '00000002' + '6162' + '0003' + '4b0176');
    expect(batchEntrySize(2, 3)).toBe(27);
  });

  it('concatenates messages and decodes them back in order', () => {
    const entries = [entry('one', { TAGS: 'A' }), entry('', {}, -1), entry('three', { UNIQ_KEY: 'X', WAIT: 'true' })];
    expect(viewOf(decodeBatch(encodeBatch(entries)))).toEqual(viewOf(entries as BatchEntry[]));
  });

  it('an empty body is an empty batch', () => {
    expect(decodeBatch(Buffer.alloc(0))).toEqual([]);
    expect(encodeBatch([])).toEqual(Buffer.alloc(0));
  });

  it('ignores the magic and CRC words, as the broker does', () => {
    const body = encodeBatch([entry('x', {})]);
    body.writeInt32BE(-1, 4);
    body.writeInt32BE(12345, 8);
    expect(decodeBatch(body)[0]?.body.toString()).toBe('x');
  });

  it('refuses a TOTALSIZE that disagrees with the fields', () => {
    const body = encodeBatch([entry('x', {})]);
    body.writeInt32BE(body.length + 1, 0);
    expect(() => decodeBatch(body)).toThrow(malformed);
  });

  it('refuses a truncated entry, a negative body length and a negative properties length', () => {
    const body = encodeBatch([entry('xyz', { a: 'b' })]);
    expect(() => decodeBatch(body.subarray(0, body.length - 1))).toThrow(malformed);
    const negativeBody = Buffer.from(body);
    negativeBody.writeInt32BE(-3, 16);
    expect(() => decodeBatch(negativeBody)).toThrow(malformed);
    const negativeProperties = Buffer.from(body);
    negativeProperties.writeInt16BE(-1, 23);
    expect(() => decodeBatch(negativeProperties)).toThrow(malformed);
  });

  it('refuses to encode a flag that is not an int32', () => {
    expect(() => encodeBatch([entry('x', {}, 2 ** 31)])).toThrow(malformed);
  });
});

describe('batch body (property-based)', () => {
  const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }).filter((value) => !value.includes('\u0001') && !value.includes('\u0002'));
  const entries = fc.array(
    fc.record({
      flag: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
      body: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
      properties: fc.uniqueArray(fc.tuple(text, text), { selector: ([name]) => name, maxLength: 6 }).map((pairs) => toMessageProperties(Object.fromEntries(pairs))),
    }),
    { maxLength: 8 },
  );

  it('round-trips', () => {
    fc.assert(
      fc.property(entries, (batch) => {
        expect(viewOf(decodeBatch(encodeBatch(batch)))).toEqual(viewOf(batch));
      }),
    );
  });

  it('decoding random or damaged bytes throws only MESSAGE_MALFORMED', () => {
    const damaged = fc.tuple(entries, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat()).map(([batch, edits, cut]) => {
      const body = encodeBatch(batch);
      for (const [at, value] of edits) if (body.length > 0) body[at % body.length] = value;
      return body.subarray(0, body.length === 0 ? 0 : cut % (body.length + 1));
    });
    fc.assert(
      fc.property(fc.oneof(damaged, fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes))), (body) => {
        try {
          decodeBatch(body);
        } catch (error) {
          expect(isRocketMQError(error, 'MESSAGE_MALFORMED')).toBe(true);
        }
      }),
    );
  });
});
