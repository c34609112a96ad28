import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import {
  defineHeader,
  formatDouble,
  optional,
  parseBoolean,
  parseDouble,
  parseLong,
  formatLong,
  required,
  type HeaderOf,
} from './header-codec.js';

const Sample = defineHeader('SampleHeader', {
  topic: required('string'),
  queueId: required('int'),
  offset: required('long'),
  ratio: optional('double'),
  unitMode: optional('boolean'),
  group: optional('string', 'g'),
});
type Sample = HeaderOf<typeof Sample.schema>;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('defineHeader', () => {
  it('types required fields as non-optional and optional fields as ?:', () => {
    expectTypeOf<Sample>().toEqualTypeOf<{
      topic: string;
      queueId: number;
      offset: number;
      ratio?: number;
      unitMode?: boolean;
      group?: string;
    }>();
  });

  it('decodes strings verbatim and coerces numbers and booleans, trimmed', () => {
    const header = Sample.decode({ topic: ' T1 ', queueId: ' 3', offset: '-12 ', ratio: '1.5', unitMode: 'TRUE', g: 'G1' });
    expect(header).toEqual({ topic: ' T1 ', queueId: 3, offset: -12, ratio: 1.5, unitMode: true, group: 'G1' });
  });

  it('leaves absent optional fields absent and ignores unknown keys', () => {
    const header = Sample.decode({ topic: 'T', queueId: '0', offset: '0', AccessKey: 'ak', group: 'not-the-wire-key' });
    expect(header).toEqual({ topic: 'T', queueId: 0, offset: 0 });
    expect(Object.keys(header)).toEqual(['topic', 'queueId', 'offset']);
  });

  it('raises HEADER_FIELD_MISSING with the Java text naming header and key', () => {
    const error = thrown(() => Sample.decode({ topic: 'T', offset: '1' }));
    expect(isRocketMQError(error, 'HEADER_FIELD_MISSING')).toBe(true);
    expect((error as Error).message).toBe('SampleHeader: the custom field <queueId> is null');
    expect(isRocketMQError(thrown(() => Sample.decode(null)), 'HEADER_FIELD_MISSING')).toBe(true);
  });

  it.each([
    ['queueId', '1.5'],
    ['queueId', 'abc'],
    ['queueId', '2147483648'],
    ['queueId', '-2147483649'],
    ['queueId', ''],
    ['offset', '9223372036854775808'],
    ['offset', '-9223372036854775809'],
    ['offset', '12345678901234567890'],
    ['offset', '0x10'],
    ['offset', '1e3'],
    ['unitMode', 'yes'],
    ['ratio', 'one'],
    ['ratio', '0x1p3'],
  ])('raises HEADER_FIELD_INVALID naming %s and the value %j', (key, value) => {
    const ext: Record<string, string> = { topic: 'T', queueId: '1', offset: '1', [key]: value };
    const error = thrown(() => Sample.decode(ext));
    expect(isRocketMQError(error, 'HEADER_FIELD_INVALID')).toBe(true);
    expect((error as Error).message).toContain(`<${key}>`);
    expect((error as Error).message).toContain(JSON.stringify(value));
  });

  it('accepts the int range edges and safe-integer longs', () => {
    expect(Sample.decode({ topic: 'T', queueId: '-2147483648', offset: '9007199254740991' })).toMatchObject({
      queueId: -2147483648,
      offset: 9007199254740991,
    });
    expect(Sample.decode({ topic: 'T', queueId: '+2147483647', offset: '-0' })).toMatchObject({ queueId: 2147483647 });
  });

  it('encodes every present field as a string under its wire key, omitting absent optional ones', () => {
    expect(Sample.encode({ topic: 'T', queueId: 1, offset: 1795537748300, unitMode: false, group: 'G' })).toEqual({
      topic: 'T',
      queueId: '1',
      offset: '1795537748300',
      unitMode: 'false',
      g: 'G',
    });
    expect(Sample.encode({ topic: 'T', queueId: 0, offset: 0, ratio: 2 })).toEqual({ topic: 'T', queueId: '0', offset: '0', ratio: '2.0' });
  });

  it('refuses to encode a header without a required field', () => {
    const broken = { topic: 'T', queueId: 1 } as unknown as Sample;
    expect(isRocketMQError(thrown(() => Sample.encode(broken)), 'HEADER_FIELD_MISSING')).toBe(true);
  });

  it('lists its wire keys and rejects a schema that uses a key twice', () => {
    expect(Sample.keys).toEqual(['topic', 'queueId', 'offset', 'ratio', 'unitMode', 'g']);
    expect(() => defineHeader('Twice', { a: required('string'), b: optional('int', 'a') })).toThrow(/twice/);
  });

  it('round-trips random values of every field type', () => {
    const header = fc.record(
      {
        topic: fc.string(),
        queueId: fc.integer({ min: -2147483648, max: 2147483647 }),
        offset: fc.maxSafeInteger(),
        ratio: fc.double({ noNaN: true }),
        unitMode: fc.boolean(),
        group: fc.string(),
      },
      { requiredKeys: ['topic', 'queueId', 'offset'] },
    );
    fc.assert(
      fc.property(header, (value) => {
        const normalized = { ...value, ...(Object.is(value.offset, -0) ? { offset: 0 } : {}) };
        expect(Sample.decode(Sample.encode(value))).toEqual(normalized);
      }),
    );
  });
});

describe('scalar parsers', () => {
  it('parse integers like Java Long.parseLong, exactly within the safe range', () => {
    expect(parseLong('007')).toBe(7);
    expect(parseLong('-0')).toBe(0);
    expect(Object.is(parseLong('-0'), -0)).toBe(false);
    expect(parseLong('0000000000000000000000000000042')).toBe(42);
    expect(parseLong('9007199254740993')).toBe(9007199254740992);
    expect(parseLong('12345678901234567')).toBe(12345678901234568);
    expect(parseLong('-')).toBeUndefined();
    expect(parseLong('1 2')).toBeUndefined();
  });

  it('keep the Long.MIN_VALUE / Long.MAX_VALUE sentinels through a round trip', () => {
    expect(formatLong(parseLong('9223372036854775807') as number)).toBe('9223372036854775807');
    expect(formatLong(parseLong('-9223372036854775808') as number)).toBe('-9223372036854775808');
    expect(formatLong(2 ** 60)).toBe('1152921504606846976');
    const ext = { topic: 'T', queueId: '1', offset: '9223372036854775807' };
    expect(Sample.encode(Sample.decode(ext))).toEqual(ext);
  });

  it('parse booleans strictly and doubles in decimal notation', () => {
    expect(parseBoolean(' False ')).toBe(false);
    expect(parseBoolean('1')).toBeUndefined();
    expect(parseDouble('-1.25e2')).toBe(-125);
    expect(parseDouble('NaN')).toBeNaN();
    expect(parseDouble('Infinity')).toBe(Infinity);
    expect(parseDouble('0b1')).toBeUndefined();
  });

  it('format whole doubles with a fraction like Java', () => {
    expect(formatDouble(0)).toBe('0.0');
    expect(formatDouble(-0)).toBe('-0.0');
    expect(formatDouble(1.5)).toBe('1.5');
    expect(formatDouble(1e21)).toBe('1e+21');
  });
});
