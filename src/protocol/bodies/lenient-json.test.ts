import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import { MAX_DEPTH, parseFastjsonText, parseLenientJson } from './lenient-json.js';

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('parseLenientJson', () => {
  it('reads standard JSON from text or UTF-8 bytes', () => {
    expect(parseLenientJson('{"a":[1,2.5,"x",true,null]}')).toEqual({ a: [1, 2.5, 'x', true, null] });
    expect(parseLenientJson(Buffer.from('{"t":"中文"}', 'utf8'))).toEqual({ t: '中文' });
    expect(parseLenientJson(new Uint8Array(Buffer.from('[0]')))).toEqual([0]);
  });

  it('reads fastjson bare numeric keys as their text', () => {
    expect(parseLenientJson('{"brokerAddrs":{0:"127.0.0.1:10911",1:"127.0.0.1:10921",-1:"x"}}')).toEqual({
      brokerAddrs: { '0': '127.0.0.1:10911', '1': '127.0.0.1:10921', '-1': 'x' },
    });
  });

  it('reads fastjson object keys as the string the standard form holds', () => {
    const fastjson = '{"offsetTable":{{"brokerName":"b","queueId":0,"topic":"t"}:{"brokerOffset":10}}}';
    const standard = '{"offsetTable":{"{\\"brokerName\\":\\"b\\",\\"queueId\\":0,\\"topic\\":\\"t\\"}":{"brokerOffset":10}}}';
    expect(parseLenientJson(fastjson)).toEqual(JSON.parse(standard));
    expect(parseLenientJson('{ { "a" : [ 1 ] } : 1, [2]: 2 }')).toEqual({ '{"a":[1]}': 1, '[2]': 2 });
  });

  it('keeps a __proto__ key as a plain property', () => {
    const value = parseFastjsonText('{"__proto__":{"polluted":1},0:1}') as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['0', '__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('decodes every escape', () => {
    expect(parseFastjsonText('{1:"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00"}')).toEqual({ '1': '"\\/\b\f\n\r\té😀' });
  });

  it.each([
    ['', 'expected a JSON value at position 0'],
    ['{0:1', 'expected "," or "}" in an object at position 4'],
    ['{"a" 1}', 'expected ":" after an object key at position 5'],
    ['{true:1}', 'expected an object key at position 1'],
    ['[1 2]', 'expected "," or "]" in an array at position 3'],
    ['"abc', 'unterminated string at position 4'],
    ['"a\\x"', 'bad escape in a string at position 3'],
    ['"\\u12G4"', 'bad \\u escape at position 5'],
    ['01', 'unexpected text after the JSON value at position 1'],
    ['-', 'expected a digit at position 1'],
    ['1.', 'expected a digit after "." at position 2'],
    ['1e+', 'expected a digit in an exponent at position 3'],
    ['"a\nb"', 'control character in a string at position 2'],
    ['{0:1} x', 'unexpected text after the JSON value at position 6'],
  ])('rejects %j with BODY_MALFORMED: %s', (text, message) => {
    const error = errorOf(() => parseLenientJson(text, 'TestBody'));
    expect(isRocketMQError(error, 'BODY_MALFORMED')).toBe(true);
    expect((error as Error).message).toContain('TestBody: ');
    expect((error as Error).message).toContain(message);
  });

  it(`stops at ${MAX_DEPTH} levels of nesting`, () => {
    const deep = `${'{0:'.repeat(MAX_DEPTH + 1)}1${'}'.repeat(MAX_DEPTH + 1)}`;
    expect(isRocketMQError(errorOf(() => parseLenientJson(deep)), 'BODY_MALFORMED')).toBe(true);
    const fine = `${'{0:'.repeat(MAX_DEPTH)}1${'}'.repeat(MAX_DEPTH)}`;
    expect(parseLenientJson(fine)).toBeTypeOf('object');
  });

  it('parses whatever JSON.stringify produces to the value JSON.parse gives, on both paths', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const expected: unknown = JSON.parse(text);
        expect(parseLenientJson(text)).toEqual(expected);
        expect(parseFastjsonText(text)).toEqual(expected);
        expect(parseFastjsonText(JSON.stringify(value, null, 2))).toEqual(expected);
      }),
    );
  });

  it('throws nothing but BODY_MALFORMED on random text', () => {
    const jsonish = fc
      .array(fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '0', '7', '-', '.', 'e', '+', 'true', 'null', '\\', 'u', ' ', 'a'), {
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), jsonish), (text) => {
        try {
          parseLenientJson(text);
        } catch (error) {
          expect(isRocketMQError(error, 'BODY_MALFORMED')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
