import { describe, expect, it } from 'vitest';
import { javaStringHash } from '../../protocol/message/tag-hash.js';
import { indexKey, indexKeyHash, keyTokens, slotOf, timeDiffSeconds } from './index-key.js';

describe('index keys', () => {
  it('joins topic and key with #', () => {
    expect(indexKey('TopicA', 'order-3')).toBe('TopicA#order-3');
  });

  it('hashes to the absolute value of Java String.hashCode', () => {
    const negative = 'TopicA#key-1';
    expect(javaStringHash(negative)).toBeLessThan(0);
    expect(indexKeyHash(negative)).toBe(-javaStringHash(negative));
    expect(indexKeyHash('TopicA#order-3')).toBe(Math.abs(javaStringHash('TopicA#order-3')));
  });

  it('maps a hash of Integer.MIN_VALUE to 0, as Java’s abs overflow check does', () => {
    expect(javaStringHash('polygenelubricants')).toBe(-0x80000000);
    expect(indexKeyHash('polygenelubricants')).toBe(0);
  });

  it('puts a key in slot hash mod slot count', () => {
    expect(slotOf(1_077_539_360, 1000)).toBe(360);
    expect(slotOf(0, 7)).toBe(0);
  });

  it('counts whole seconds from the begin timestamp, truncating toward zero', () => {
    expect(timeDiffSeconds(10_999, 10_000)).toBe(0);
    expect(timeDiffSeconds(11_000, 10_000)).toBe(1);
    expect(timeDiffSeconds(72_500, 10_000)).toBe(62);
  });

  it('stores 0 seconds without a begin timestamp or for a time before it', () => {
    expect(timeDiffSeconds(5_000, 0)).toBe(0);
    expect(timeDiffSeconds(5_000, 9_000)).toBe(0);
  });

  it('clamps the seconds to int32', () => {
    expect(timeDiffSeconds(1 + 3_000_000_000_000, 1)).toBe(0x7fffffff);
  });

  it('indexes each non-empty space-separated KEYS token', () => {
    expect(keyTokens('')).toEqual([]);
    expect(keyTokens('key-45 order-3')).toEqual(['key-45', 'order-3']);
    expect(keyTokens(' a  b ')).toEqual(['a', 'b']);
    expect(keyTokens('tab\tstays')).toEqual(['tab\tstays']);
  });
});
