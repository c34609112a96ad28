import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import { BodyReader, jsonBytes, mapObject, readBody, same } from './body-json.js';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isRocketMQError(error, 'BODY_MALFORMED')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a throw');
}

describe('BodyReader', () => {
  const root = BodyReader.of('Sample', {
    n: '4',
    big: 2 ** 53,
    s: 12,
    b: 'TRUE',
    one: 1,
    d: '1.5',
    e: 'CLUSTERING',
    ordinal: 1,
    nested: { list: [1, '2'] },
    nul: null,
  });

  it('coerces numbers in strings, strings from numbers and booleans like fastjson', () => {
    expect(root.field('n').int()).toBe(4);
    expect(root.field('big').long()).toBe(2 ** 53);
    expect(root.field('s').string()).toBe('12');
    expect(root.field('b').boolean()).toBe(true);
    expect(root.field('one').boolean()).toBe(true);
    expect(root.field('d').double()).toBe(1.5);
    expect(root.field('e').enumOf(['BROADCASTING', 'CLUSTERING'])).toBe('CLUSTERING');
    expect(root.field('ordinal').enumOf(['BROADCASTING', 'CLUSTERING'])).toBe('CLUSTERING');
    expect(root.field('nested').field('list').list((item) => item.int())).toEqual([1, 2]);
  });

  it('gives defaults for absent and null properties', () => {
    expect(root.field('missing').int(16)).toBe(16);
    expect(root.field('nul').boolean(true)).toBe(true);
    expect(root.field('missing').optionalString()).toBeUndefined();
    expect(root.field('missing').list(same)).toEqual([]);
    expect(root.field('missing').stringMap(same)).toEqual(new Map());
    expect(root.field('missing').field('deeper').int()).toBe(0);
  });

  it('names the body and the property path when the shape is wrong', () => {
    expect(messageOf(() => root.field('nested').field('list').list((item) => item.boolean()))).toBe(
      'Sample: nested.list[1] is not a boolean: "2"',
    );
    expect(messageOf(() => root.field('d').int())).toBe('Sample: d is not an int: "1.5"');
    expect(messageOf(() => root.field('missing').string())).toBe('Sample: missing is missing');
    expect(messageOf(() => root.field('e').enumOf(['A', 'B']))).toBe('Sample: e is not one of A, B: "CLUSTERING"');
    expect(messageOf(() => root.field('n').field('x'))).toBe('Sample: n is not an object: "4"');
    expect(messageOf(() => root.field('nested').longMap(same))).toBe('Sample: nested["list"] key is not a long: "list"');
    expect(messageOf(() => readBody('Sample', '[1]', () => 1))).toBe('Sample: the body is not an object: [1]');
    expect(messageOf(() => readBody('Sample', '{0:', () => 1))).toContain('Sample: expected a JSON value at position 3');
  });

  it('reads numeric-keyed maps from bare and quoted keys', () => {
    const reader = BodyReader.parse('Sample', '{"a":{0:"x","1":"y"}}');
    expect(reader.field('a').longMap((value) => value.string())).toEqual(new Map([[0, 'x'], [1, 'y']]));
  });
});

describe('writers', () => {
  it('turn maps into objects with string keys and keep __proto__ a plain key', () => {
    const object = mapObject(new Map<string, number>([['__proto__', 1], ['a', 2]]), same);
    expect(JSON.parse(jsonBytes(object).toString('utf8'))).toEqual(JSON.parse('{"__proto__":1,"a":2}'));
    expect(jsonBytes(mapObject(new Map([[1, 'b'], [0, 'a']]), same)).toString('utf8')).toBe('{"0":"a","1":"b"}');
  });
});
