import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createOffsetMessageId, parseOffsetMessageId } from './message-id.js';
import { formatIp } from './socket-address.js';

const malformed = expect.objectContaining({ code: 'MESSAGE_MALFORMED' });

describe('offset message id', () => {
  it('is upper-hex of store IP, port and commit-log offset (32 chars for IPv4)', () => {
    expect(createOffsetMessageId({ host: '127.0.0.1', port: 20911 }, 828)).toBe('7F000001000051AF000000000000033C');
  });

  it('is 56 chars for an IPv6 store host', () => {
    const id = createOffsetMessageId({ host: '2001:db8::1', port: 10911 }, 1);
    expect(id).toBe('20010DB8000000000000000000000001' + '00002A9F' + '0000000000000001');
    expect(parseOffsetMessageId(id)).toEqual({ storeHost: { host: '2001:db8::1', port: 10911 }, commitLogOffset: 1 });
  });

  it('can be forced to the 16-byte form for an IPv4 host in an IPv6 slot', () => {
    const id = createOffsetMessageId({ host: '1.2.3.4', port: 1 }, 0, true);
    expect(id).toHaveLength(56);
    expect(parseOffsetMessageId(id).storeHost).toEqual({ host: '1.2.3.4', port: 1 });
  });

  it('parses back to the store host and offset, in either case', () => {
    expect(parseOffsetMessageId('7f000001000051af000000000000033c')).toEqual({ storeHost: { host: '127.0.0.1', port: 20911 }, commitLogOffset: 828 });
  });

  it('refuses ids of another length, non-hex text and offsets beyond 2^53', () => {
    for (const bad of ['', '7F000001000051AF00000000000003', '7F000001000051AF000000000000033G', '7F000001000051AF7FFFFFFFFFFFFFFF', `${'0'.repeat(55)}`]) {
      expect(() => parseOffsetMessageId(bad), bad).toThrow(malformed);
    }
  });

  it('refuses to create an id for an offset that is not a safe integer', () => {
    expect(() => createOffsetMessageId({ host: '1.2.3.4', port: 1 }, 2 ** 53)).toThrow(malformed);
  });

  it('round-trips any host and safe offset (property)', () => {
    const hosts = fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: 16, maxLength: 16 })).map(formatIp);
    fc.assert(
      fc.property(hosts, fc.integer({ min: 0, max: 65535 }), fc.maxSafeInteger(), (host, port, offset) => {
        const id = createOffsetMessageId({ host, port }, offset);
        expect(id).toMatch(/^[0-9A-F]+$/);
        expect(parseOffsetMessageId(id)).toEqual({ storeHost: { host, port }, commitLogOffset: offset });
      }),
    );
  });
});
