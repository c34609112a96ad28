import { describe, expect, it } from 'vitest';
import { parseProperties } from '../common/properties-file.js';
import { defaultNamesrvConfig } from './namesrv-config.js';
import { NamesrvConfiguration } from './namesrv-configuration.js';

function configuration(extras = new Map<string, string>()) {
  const written: { path: string; text: string }[] = [];
  const config = { ...defaultNamesrvConfig({}, '/srv'), configStorePath: '/etc/namesrv.conf' };
  const store = new NamesrvConfiguration(config, extras, (path, text) => written.push({ path, text }));
  return { store, config, written };
}

describe('NamesrvConfiguration', () => {
  it('formats every setting and the extra properties of the config file', () => {
    const { store } = configuration(new Map([['custom', 'x'], ['listenPort', '1']]));
    const shown = parseProperties(store.format());
    expect(shown.get('listenPort')).toBe('9876');
    expect(shown.get('custom')).toBe('x');
    expect(shown.get('kvConfigPath')).toBe('/srv/namesrv/kvConfig.json');
  });

  it('applies an update at once and persists everything to configStorePath', () => {
    const { store, config, written } = configuration(new Map([['custom', 'x']]));
    expect(store.update(new Map([['orderMessageEnable', 'true'], ['custom', 'y'], ['unknown', 'z']]))).toEqual({ ok: true });
    expect(config.orderMessageEnable).toBe(true);
    expect(written).toHaveLength(1);
    const persisted = parseProperties(written[0]?.text ?? '');
    expect(written[0]?.path).toBe('/etc/namesrv.conf');
    expect(persisted.get('orderMessageEnable')).toBe('true');
    expect(persisted.get('custom')).toBe('y');
    expect(persisted.has('unknown')).toBe(false);
  });

  it('refuses black-listed keys, whatever configBlackList says about rocketmqHome and the paths', () => {
    const { store, config, written } = configuration();
    for (const key of ['kvConfigPath', 'configStorePath', 'configBlackList', 'rocketmqHome']) {
      expect(store.update(new Map([[key, '/x'], ['orderMessageEnable', 'true']]))).toEqual({ ok: false, reason: 'blacklisted', keys: [key] });
    }
    config.configBlackList = 'listenPort';
    expect(store.update(new Map([['listenPort', '1']]))).toMatchObject({ ok: false, reason: 'blacklisted' });
    expect(config.orderMessageEnable).toBe(false);
    expect(written).toEqual([]);
  });

  it('refuses a value of the wrong type and changes nothing', () => {
    const { store, config } = configuration();
    expect(store.update(new Map([['listenPort', 'x'], ['orderMessageEnable', 'true']]))).toEqual({
      ok: false,
      reason: 'invalid',
      errors: ['listenPort: "x" is not a valid int'],
    });
    expect(config.orderMessageEnable).toBe(false);
  });
});
