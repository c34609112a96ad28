import { describe, expect, it } from 'vitest';
import { createOffsetMessageId } from './message-id.js';
import { OffsetMessageIds } from './offset-message-ids.js';

describe('OffsetMessageIds', () => {
  it('gives exactly the ids createOffsetMessageId gives, for IPv4 and IPv6 hosts and any offset', () => {
    const ids = new OffsetMessageIds();
    const hosts = [
      { host: '127.0.0.1', port: 10911 },
      { host: '10.1.2.3', port: 20911 },
      { host: '::1', port: 10911 },
      { host: '127.0.0.1', port: 10911 },
    ];
    const offsets = [0, 1, 828, 0xffffffff, 0x100000000, 2 ** 40 + 12345, Number.MAX_SAFE_INTEGER];
    for (const host of hosts) {
      for (const offset of offsets) expect(ids.of(host, offset)).toBe(createOffsetMessageId(host, offset));
    }
  });

  it('gives the 16-byte form of an IPv4 host when the record marks its store host IPv6, as createOffsetMessageId does', () => {
    const ids = new OffsetMessageIds();
    const host = { host: '127.0.0.1', port: 10911 };
    for (const ipv6Slot of [false, true, true, false]) {
      for (const offset of [0, 828, 2 ** 40 + 12345]) expect(ids.of(host, offset, ipv6Slot)).toBe(createOffsetMessageId(host, offset, ipv6Slot));
    }
    expect(ids.of(host, 828, true)).toHaveLength(56);
  });

  it('rejects an offset that is not a safe integer as createOffsetMessageId does', () => {
    expect(() => new OffsetMessageIds().of({ host: '127.0.0.1', port: 1 }, 2 ** 60)).toThrow(/safe integer/);
  });
});
