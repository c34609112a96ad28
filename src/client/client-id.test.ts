import { describe, expect, it } from 'vitest';
import { buildClientId, effectiveInstanceName } from './client-id.js';
import { localAddress } from './local-address.js';

describe('client id', () => {
  it('is ip@instanceName, with @unitName when set', () => {
    expect(buildClientId('10.0.0.1', 'app')).toBe('10.0.0.1@app');
    expect(buildClientId('10.0.0.1', 'app', 'unit')).toBe('10.0.0.1@app@unit');
  });

  it('turns the DEFAULT instance name into pid#nanoseconds, and keeps any other', () => {
    expect(effectiveInstanceName('DEFAULT', 4242, 123456789n)).toBe('4242#123456789');
    expect(effectiveInstanceName('mine', 4242, 1n)).toBe('mine');
  });
});

describe('local address', () => {
  const v4 = (address: string, internal = false) => ({ address, netmask: '255.0.0.0', family: 'IPv4' as const, mac: '00:00:00:00:00:00', internal, cidr: null });
  const v6 = (address: string) => ({ address, netmask: 'ffff::', family: 'IPv6' as const, mac: '00:00:00:00:00:00', internal: false, cidr: null, scopeid: 0 });

  it('prefers a non-loopback IPv4 address outside 192.168', () => {
    expect(localAddress({ lo: [v4('127.0.0.1', true)], eth0: [v4('192.168.1.5')], eth1: [v4('10.1.2.3')] })).toBe('10.1.2.3');
  });

  it('falls back to the last IPv4 address, then an IPv6 one, then 127.0.0.1', () => {
    expect(localAddress({ eth0: [v4('192.168.1.5'), v4('192.168.1.6')] })).toBe('192.168.1.6');
    expect(localAddress({ eth0: [v6('fe80::1'), v6('2001:db8::5')] })).toBe('2001:db8::5');
    expect(localAddress({ lo: [v4('127.0.0.1', true)] })).toBe('127.0.0.1');
  });
});
