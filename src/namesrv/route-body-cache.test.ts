import { describe, expect, it } from 'vitest';
import { RouteBodyCache } from './route-body-cache.js';

describe('RouteBodyCache', () => {
  it('keeps bodies while the registry, the KV table and the orderTopicConf switch stay the same', () => {
    const cache = new RouteBodyCache();
    cache.validate(1, 1, false);
    cache.set('T', Buffer.from('a'));
    cache.validate(1, 1, false);
    expect(cache.get('T')?.toString()).toBe('a');
    const stamps: [number, number, boolean][] = [
      [2, 1, false],
      [2, 2, false],
      [2, 2, true],
    ];
    for (const [routesVersion, kvVersion, withOrderConf] of stamps) {
      cache.set('T', Buffer.from('a'));
      cache.validate(routesVersion, kvVersion, withOrderConf);
      expect(cache.get('T')).toBeUndefined();
    }
  });

  it('starts over when full', () => {
    const cache = new RouteBodyCache(2);
    cache.validate(0, 0, false);
    cache.set('a', Buffer.alloc(1));
    cache.set('b', Buffer.alloc(1));
    cache.set('c', Buffer.alloc(1));
    expect(cache.size).toBe(1);
    expect(cache.get('c')).toBeDefined();
  });
});
