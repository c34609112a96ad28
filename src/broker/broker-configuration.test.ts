import { describe, expect, it } from 'vitest';
import { parseProperties } from '../common/properties-file.js';
import { resolveBrokerConfig } from './broker-config.js';
import { BrokerConfiguration } from './broker-configuration.js';

function configuration() {
  const written: { path: string; text: string }[] = [];
  const config = resolveBrokerConfig({ brokerName: 'broker-a', brokerConfigPath: '/conf/broker.conf' }, {}, '/work');
  const live = new BrokerConfiguration(config, new Map([['custom', 'x'], ['brokerName', 'ignored']]), (path, text) => written.push({ path, text }));
  return { live, config, written };
}

describe('BrokerConfiguration', () => {
  it('shows every setting and the extra properties of the -c file', () => {
    const { live } = configuration();
    const shown = parseProperties(live.format());
    expect(shown.get('brokerName')).toBe('broker-a');
    expect(shown.get('custom')).toBe('x');
    expect(shown.get('maxMessageSize')).toBe('4194304');
  });

  it('applies an update at once, bumps its version, persists and tells the listeners', () => {
    const { live, config, written } = configuration();
    const changes: string[][] = [];
    live.onChange((changed) => changes.push(changed));
    const before = live.dataVersion.counter;
    expect(live.update(new Map([['brokerPermission', '4'], ['maxMessageSize', '1024'], ['newKey', 'v']]))).toEqual({
      ok: true,
      changed: ['brokerPermission', 'maxMessageSize'],
    });
    expect(config.brokerPermission).toBe(4);
    expect(config.maxMessageSize).toBe(1024);
    expect(live.dataVersion.counter).toBe(before + 1);
    expect(written).toHaveLength(1);
    expect(written[0]?.path).toBe('/conf/broker.conf');
    expect(parseProperties(written[0]?.text ?? '').get('newKey')).toBe('v');
    expect(changes).toEqual([['brokerPermission', 'maxMessageSize']]);
  });

  it('refuses black-listed keys and bad values whole, changing nothing', () => {
    const { live, config, written } = configuration();
    expect(live.update(new Map([['brokerConfigPath', '/tmp/x'], ['brokerName', 'b']]))).toEqual({ ok: false, reason: 'blacklisted', keys: ['brokerConfigPath'] });
    expect(live.update(new Map([['configBlackList', '']]))).toMatchObject({ ok: false, reason: 'blacklisted' });
    expect(live.update(new Map([['listenPort', 'abc']]))).toEqual({ ok: false, reason: 'invalid', errors: ['listenPort: "abc" is not a valid int'] });
    expect(config.brokerName).toBe('broker-a');
    expect(written).toEqual([]);
  });
});
