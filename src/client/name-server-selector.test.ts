import { describe, expect, it } from 'vitest';
import { parseNamesrvAddr } from './client-config.js';
import { NameServerSelector } from './name-server-selector.js';

describe('name server selection', () => {
  it('sticks to one name server while it works', () => {
    const selector = new NameServerSelector(['a:9876', 'b:9876', 'c:9876'], 1);
    expect([selector.current(), selector.current(), selector.current()]).toEqual(['b:9876', 'b:9876', 'b:9876']);
  });

  it('moves to the next one when the one in use fails, wrapping around', () => {
    const selector = new NameServerSelector(['a:9876', 'b:9876'], 1);
    selector.failed('b:9876');
    expect(selector.current()).toBe('a:9876');
    selector.failed('a:9876');
    expect(selector.current()).toBe('b:9876');
  });

  it('ignores a failure of a name server it no longer uses', () => {
    const selector = new NameServerSelector(['a:9876', 'b:9876'], 0);
    selector.failed('b:9876');
    expect(selector.current()).toBe('a:9876');
  });

  it('has nothing to offer without addresses, and keeps its choice across an update that still lists it', () => {
    expect(new NameServerSelector([]).current()).toBeUndefined();
    const selector = new NameServerSelector(['a:9876', 'b:9876'], 0);
    expect(selector.current()).toBe('a:9876');
    selector.update(['c:9876', 'a:9876']);
    expect(selector.current()).toBe('a:9876');
    selector.update(['c:9876']);
    expect(selector.current()).toBe('c:9876');
  });

  it('reads namesrvAddr lists separated by semicolons', () => {
    expect(parseNamesrvAddr(' 10.0.0.1:9876; 10.0.0.2:9876 ;')).toEqual(['10.0.0.1:9876', '10.0.0.2:9876']);
    expect(parseNamesrvAddr('')).toEqual([]);
  });
});
