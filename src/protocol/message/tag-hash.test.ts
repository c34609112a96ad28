import { describe, expect, it } from 'vitest';
import { emptyProperties } from './properties.js';
import { javaStringHash, tagsCodeOf, tagsCodeOfProperties } from './tag-hash.js';

describe('javaStringHash', () => {
  it('equals Java String.hashCode for ASCII tags', () => {
    expect(javaStringHash('TagA')).toBe(2598919);
    expect(javaStringHash('TagB')).toBe(2598920);
    expect(javaStringHash('null')).toBe(3392903);
  });

  it('wraps to a signed 32-bit value', () => {
    expect(javaStringHash('中文标签')).toBe(622041809);
    expect(javaStringHash('polygenelubricants')).toBe(-2147483648);
    expect(javaStringHash('a very long tag that overflows many times')).toBe(hashWithBigInt('a very long tag that overflows many times'));
  });

  it('counts UTF-16 code units, so a character outside the BMP adds two', () => {
    expect(javaStringHash('😀')).toBe(hashWithBigInt('😀'));
    expect(javaStringHash('😀')).toBe(31 * 0xd83d + 0xde00);
  });

  it('is 0 for the empty string', () => {
    expect(javaStringHash('')).toBe(0);
  });
});

describe('tagsCodeOf', () => {
  it('is 0 for a message without a tag', () => {
    expect(tagsCodeOf(undefined)).toBe(0);
    expect(tagsCodeOf(null)).toBe(0);
    expect(tagsCodeOf('')).toBe(0);
  });

  it('is the hash of the tag otherwise', () => {
    expect(tagsCodeOf('TagA')).toBe(2598919);
  });

  it('reads the TAGS property of a message', () => {
    const properties = emptyProperties();
    expect(tagsCodeOfProperties(properties)).toBe(0);
    properties.TAGS = 'TagB';
    expect(tagsCodeOfProperties(properties)).toBe(2598920);
  });
});

function hashWithBigInt(text: string): number {
  let hash = 0n;
  for (let index = 0; index < text.length; index++) hash = BigInt.asIntN(32, hash * 31n + BigInt(text.charCodeAt(index)));
  return Number(hash);
}
