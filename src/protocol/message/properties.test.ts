import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import {
  MAX_PROPERTIES_BYTES,
  PropertyKey,
  decodeProperties,
  decodePropertiesBytes,
  emptyProperties,
  encodeProperties,
  encodePropertiesBytes,
  encodedPropertiesByteLength,
  propertiesFit,
  toMessageProperties,
} from './properties.js';

const entriesOf = (properties: object) => Object.entries(properties);

describe('encodeProperties', () => {
  it('joins name\\u0001value pairs with \\u0002 and writes no trailing separator', () => {
    expect(encodeProperties({ TAGS: 'TagA', KEYS: 'k1 k2' })).toBe('TAGS\u0001TagA\u0002KEYS\u0001k1 k2');
  });

  it('a null value is skipped on encode', () => {
    expect(encodeProperties({ TAGS: null, KEYS: 'k', WAIT: undefined })).toBe('KEYS\u0001k');
  });

  it('no pairs encode to the empty string', () => {
    expect(encodeProperties({})).toBe('');
    expect(encodePropertiesBytes({})).toEqual(Buffer.alloc(0));
  });

  it('writes an empty value as Java does (it reads back as absent)', () => {
    expect(encodeProperties({ A: '' })).toBe('A\u0001');
    expect(entriesOf(decodeProperties(encodeProperties({ A: '', B: 'b' })))).toEqual([['B', 'b']]);
  });

  it('refuses a name that is empty or holds a separator, and a value that holds \\u0002', () => {
    for (const bad of [{ '': 'v' }, { 'a\u0001b': 'v' }, { 'a\u0002b': 'v' }, { a: 'x\u0002y' }]) {
      expect(() => encodeProperties(bad)).toThrow(expect.objectContaining({ code: 'MESSAGE_MALFORMED' }));
    }
  });

  it('allows \\u0001 inside a value, which reads back intact', () => {
    expect(decodeProperties(encodeProperties({ a: 'x\u0001y' })).a).toBe('x\u0001y');
  });

  it('encodes UTF-8 and reports the byte length, not the character count', () => {
    expect(encodePropertiesBytes({ note: 'é中' })).toEqual(Buffer.from('note\u0001é中', 'utf8'));
    expect(encodedPropertiesByteLength({ note: 'é中' })).toBe(4 + 1 + 2 + 3);
  });

  it('has a 32767-byte limit', () => {
    expect(MAX_PROPERTIES_BYTES).toBe(32767);
    expect(propertiesFit(32767)).toBe(true);
    expect(propertiesFit(32768)).toBe(false);
  });
});

describe('decodeProperties', () => {
  it('reads the pairs Java writes', () => {
    expect(entriesOf(decodeProperties('KEYS\u0001k\u0002TAGS\u0001TagA'))).toEqual([
      ['KEYS', 'k'],
      ['TAGS', 'TagA'],
    ]);
  });

  it("accepts ali-ons' trailing \\u0002 and its literal 'null' tag", () => {
    expect(entriesOf(decodeProperties('TAGS\u0001null\u0002'))).toEqual([['TAGS', 'null']]);
  });

  it('ignores segments shorter than three characters', () => {
    expect(entriesOf(decodeProperties('a\u0001\u0002\u0001b\u0002\u0002x\u0001y'))).toEqual([['x', 'y']]);
  });

  it('drops a pair with an empty name or an empty value', () => {
    expect(entriesOf(decodeProperties('\u0001abc\u0002abc\u0001\u0002ok\u0001v'))).toEqual([['ok', 'v']]);
  });

  it('drops a segment without \\u0001', () => {
    expect(entriesOf(decodeProperties('justtext\u0002k\u0001v'))).toEqual([['k', 'v']]);
  });

  it('splits at the first \\u0001 of a segment', () => {
    expect(entriesOf(decodeProperties('k\u0001a\u0001b'))).toEqual([['k', 'a\u0001b']]);
  });

  it('keeps the last value of a repeated name', () => {
    expect(decodeProperties('WAIT\u0001true\u0002WAIT\u0001false').WAIT).toBe('false');
  });

  it('reads __proto__ and constructor as ordinary names', () => {
    const properties = decodeProperties('__proto__\u0001x\u0002constructor\u0001y');
    expect(Object.getPrototypeOf(properties)).toBeNull();
    expect(Object.keys(properties)).toEqual(['__proto__', 'constructor']);
    expect(properties.__proto__).toBe('x');
  });

  it('gives an empty record for an empty string', () => {
    expect(Object.keys(decodeProperties(''))).toEqual([]);
  });

  it('reads UTF-8 bytes from a range of a buffer', () => {
    const bytes = Buffer.from('..note\u0001é中..', 'utf8');
    expect(decodePropertiesBytes(bytes, 2, bytes.length - 2).note).toBe('é中');
  });
});

describe('property records', () => {
  it('emptyProperties has no prototype', () => {
    expect(Object.getPrototypeOf(emptyProperties())).toBeNull();
  });

  it('emptyProperties gives a new record each time, where __proto__ and constructor are ordinary keys', () => {
    const first = emptyProperties();
    const second = emptyProperties();
    first.__proto__ = 'x';
    first['constructor'] = 'y';
    expect(Object.getPrototypeOf(first)).toBeNull();
    expect(Object.keys(first)).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(second)).toEqual([]);
    expect(second['constructor']).toBeUndefined();
  });

  it('toMessageProperties drops null and undefined values', () => {
    expect(entriesOf(toMessageProperties({ a: 'x', b: null, c: undefined }))).toEqual([['a', 'x']]);
  });

  it('PropertyKey holds the 4.9.8 MessageConst names', () => {
    expect(PropertyKey).toMatchObject({
      KEYS: 'KEYS',
      TAGS: 'TAGS',
      WAIT_STORE_MSG_OK: 'WAIT',
      DELAY_TIME_LEVEL: 'DELAY',
      UNIQ_CLIENT_MESSAGE_ID_KEYIDX: 'UNIQ_KEY',
      REAL_QUEUE_ID: 'REAL_QID',
      TRANSACTION_PREPARED: 'TRAN_MSG',
      PRODUCER_GROUP: 'PGROUP',
      TRACE_SWITCH: 'TRACE_ON',
      CONSUME_START_TIMESTAMP: 'CONSUME_START_TIME',
      MESSAGE_REPLY_TO_CLIENT: 'REPLY_TO_CLIENT',
      MESSAGE_TTL: 'TTL',
      REPLY_MESSAGE_ARRIVE_TIME: 'ARRIVE_TIME',
      MESSAGE_TYPE: 'MSG_TYPE',
    });
  });
});

describe('properties (property-based)', () => {
  const text = (minLength: number) =>
    fc.string({ unit: 'binary', minLength, maxLength: 12 }).filter((value) => !value.includes('\u0001') && !value.includes('\u0002'));
  const propertyMaps = fc
    .uniqueArray(fc.tuple(fc.oneof(text(1), fc.constantFrom('__proto__', 'constructor', 'toString', '0', '17')), text(1)), {
      selector: ([name]) => name,
      maxLength: 20,
    })
    .map((pairs) => toMessageProperties(Object.fromEntries(pairs)));

  it('encode then decode gives back every pair', () => {
    fc.assert(
      fc.property(propertyMaps, (properties) => {
        expect(entriesOf(decodeProperties(encodeProperties(properties)))).toEqual(entriesOf(properties));
        expect(encodedPropertiesByteLength(properties)).toBe(Buffer.byteLength(encodeProperties(properties)));
      }),
    );
  });

  it('decoding any string never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\u0001', '\u0002') }), (value) => {
        const properties = decodeProperties(value);
        for (const [name, propertyValue] of entriesOf(properties)) {
          expect(name.length).toBeGreaterThan(0);
          expect(propertyValue.length).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('encoding refuses only with MESSAGE_MALFORMED', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: fc.constantFrom('a', '\u0001', '\u0002') }), fc.string({ unit: fc.constantFrom('a', '\u0001', '\u0002') })), (input) => {
        try {
          encodeProperties(input);
        } catch (error) {
          expect(isRocketMQError(error, 'MESSAGE_MALFORMED')).toBe(true);
        }
      }),
    );
  });
});
