import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IPv4SocketAddresses,
  formatIp,
  formatSocketAddress,
  ipBytesOf,
  isIPv6SocketAddress,
  parseSocketAddress,
  readSocketAddress,
  socketAddressByteLength,
  writeSocketAddress,
} from './socket-address.js';

const malformed = expect.objectContaining({ code: 'MESSAGE_MALFORMED' });

describe('socket address text', () => {
  it('parses and formats ip:port', () => {
    expect(parseSocketAddress('127.0.0.1:20911')).toEqual({ host: '127.0.0.1', port: 20911 });
    expect(formatSocketAddress({ host: '127.0.0.1', port: 20911 })).toBe('127.0.0.1:20911');
  });

  it('parses an IPv6 host with or without brackets, into canonical form', () => {
    expect(parseSocketAddress('[::1]:10911')).toEqual({ host: '::1', port: 10911 });
    expect(parseSocketAddress('0:0:0:0:0:0:0:1:10911')).toEqual({ host: '::1', port: 10911 });
    expect(parseSocketAddress('[FE80:0:0:0:0:0:0:AB]:1')).toEqual({ host: 'fe80::ab', port: 1 });
  });

  it('reads an IPv4-mapped IPv6 host as IPv4', () => {
    expect(parseSocketAddress('[::ffff:1.2.3.4]:80')).toEqual({ host: '1.2.3.4', port: 80 });
    expect(parseSocketAddress('::ffff:0102:0304:80')).toEqual({ host: '1.2.3.4', port: 80 });
  });

  it('drops an IPv6 zone', () => {
    expect(parseSocketAddress('[fe80::1%eth0]:80').host).toBe('fe80::1');
  });

  it('refuses host names, bad addresses and bad ports with MESSAGE_MALFORMED', () => {
    for (const bad of ['localhost:80', '1.2.3:80', '1.2.3.256:80', '01.2.3.4:80', '1.2.3.4', '1.2.3.4:', '1.2.3.4:65536', '1:2:3:4:5:6:7:8:9:80', '::1::2:80', ':80']) {
      expect(() => parseSocketAddress(bad), bad).toThrow(malformed);
    }
  });
});

describe('socket address bytes', () => {
  it('takes 8 bytes for IPv4 and 20 for IPv6', () => {
    expect(socketAddressByteLength({ host: '10.0.0.1', port: 1 })).toBe(8);
    expect(socketAddressByteLength({ host: '2001:db8::1', port: 1 })).toBe(20);
    expect(socketAddressByteLength({ host: '::ffff:10.0.0.1', port: 1 })).toBe(8);
    expect(isIPv6SocketAddress({ host: '2001:db8::1', port: 1 })).toBe(true);
    expect(isIPv6SocketAddress({ host: '::ffff:10.0.0.1', port: 1 })).toBe(false);
  });

  it('writes IPv4 as 4 address bytes and an int32 port', () => {
    const target = Buffer.alloc(10);
    expect(writeSocketAddress(target, 1, { host: '127.0.0.1', port: 20911 })).toBe(9);
    expect(target.toString('hex')).toBe('007f000001000051af00');
    expect(readSocketAddress(target, 1, false)).toEqual({ host: '127.0.0.1', port: 20911 });
  });

  it('stores an IPv4-mapped IPv6 address as 4-byte IPv4', () => {
    const target = Buffer.alloc(8);
    writeSocketAddress(target, 0, { host: '::ffff:1.2.3.4', port: 5 });
    expect(target.toString('hex')).toBe('0102030400000005');
  });

  it('writes an IPv4 host into an IPv6 slot IPv4-mapped, and reads it back as IPv4', () => {
    const target = Buffer.alloc(20);
    expect(writeSocketAddress(target, 0, { host: '1.2.3.4', port: 5 }, true)).toBe(20);
    expect(target.toString('hex')).toBe('00000000000000000000ffff0102030400000005');
    expect(readSocketAddress(target, 0, true)).toEqual({ host: '1.2.3.4', port: 5 });
  });

  it('refuses an IPv6 host in an IPv4 slot', () => {
    expect(() => writeSocketAddress(Buffer.alloc(20), 0, { host: '::1', port: 5 }, false)).toThrow(malformed);
  });

  it('refuses a port outside 0..65535 on write and on read', () => {
    expect(() => writeSocketAddress(Buffer.alloc(8), 0, { host: '1.2.3.4', port: 70000 })).toThrow(malformed);
    expect(() => readSocketAddress(Buffer.from('01020304ffffffff', 'hex'), 0, false)).toThrow(malformed);
  });

  it('refuses to read past the end of the data', () => {
    expect(() => readSocketAddress(Buffer.alloc(19), 0, true)).toThrow(malformed);
  });

  it('formats IPv6 in RFC 5952 form', () => {
    expect(formatIp(ipBytesOf('2001:0db8:0000:0000:0001:0000:0000:0001'))).toBe('2001:db8::1:0:0:1');
    expect(formatIp(ipBytesOf('1:0:1:0:1:0:1:0'))).toBe('1:0:1:0:1:0:1:0');
    expect(formatIp(new Uint8Array(16))).toBe('::');
  });
});

describe('socket addresses (property-based)', () => {
  const hosts = fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: 16, maxLength: 16 })).map(formatIp);
  const addresses = fc.record({ host: hosts, port: fc.integer({ min: 0, max: 65535 }) });

  it('text round-trips', () => {
    fc.assert(
      fc.property(addresses, (address) => {
        expect(parseSocketAddress(formatSocketAddress(address))).toEqual(address);
      }),
    );
  });

  it('bytes round-trip in the natural width and in an IPv6 slot', () => {
    fc.assert(
      fc.property(addresses, fc.boolean(), (address, forceIPv6) => {
        const ipv6 = forceIPv6 || isIPv6SocketAddress(address);
        const target = Buffer.alloc(24);
        const end = writeSocketAddress(target, 2, address, ipv6);
        expect(end - 2).toBe(ipv6 ? 20 : 8);
        expect(readSocketAddress(target, 2, ipv6)).toEqual(address);
      }),
    );
  });
});

describe('IPv4SocketAddresses', () => {
  it('gives one frozen object per address, with the text readSocketAddress gives', () => {
    const addresses = new IPv4SocketAddresses();
    const bytes = Buffer.alloc(16);
    writeSocketAddress(bytes, 0, { host: '127.0.0.1', port: 10911 });
    writeSocketAddress(bytes, 8, { host: '192.168.255.1', port: 65535 });
    const first = addresses.read(bytes, 0);
    expect(first).toEqual(readSocketAddress(bytes, 0, false));
    expect(addresses.read(bytes, 8)).toEqual(readSocketAddress(bytes, 8, false));
    expect(addresses.read(bytes, 0)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('answers undefined for a port outside 0..65535, which readSocketAddress refuses', () => {
    const bytes = Buffer.alloc(8);
    bytes.writeInt32BE(65536, 4);
    expect(new IPv4SocketAddresses().read(bytes, 0)).toBeUndefined();
    bytes.writeInt32BE(-1, 4);
    expect(new IPv4SocketAddresses().read(bytes, 0)).toBeUndefined();
  });

  it('stays within its capacity and still answers every address right', () => {
    const addresses = new IPv4SocketAddresses(4);
    for (let round = 0; round < 2; round++) {
      for (let port = 0; port < 10; port++) expect(addresses.of(0x0a000001, port)).toEqual({ host: '10.0.0.1', port });
    }
    expect(addresses.of(0xffffffff, 65535)).toEqual({ host: '255.255.255.255', port: 65535 });
  });
});
