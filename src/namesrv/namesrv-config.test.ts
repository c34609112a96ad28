import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultNamesrvConfig, namesrvConfigEntries, namesrvSettingsFromProperties, resolveNamesrvConfig } from './namesrv-config.js';

describe('name server settings', () => {
  it('default like RocketMQ, listening on 127.0.0.1:9876, with paths under cwd', () => {
    const config = defaultNamesrvConfig({}, '/srv');
    expect(config).toMatchObject({
      rocketmqHome: '',
      kvConfigPath: join('/srv', 'namesrv', 'kvConfig.json'),
      configStorePath: join('/srv', 'namesrv', 'namesrv.properties'),
      listenPort: 9876,
      bindAddress: '127.0.0.1',
      scanNotActiveBrokerInterval: 10_000,
      clusterTest: false,
      orderMessageEnable: false,
      productEnvName: 'center',
    });
  });

  it('put the default paths under rocketmqHome, from the environment or the settings', () => {
    expect(defaultNamesrvConfig({ ROCKETMQ_HOME: '/opt/rmq' }, '/srv').kvConfigPath).toBe(join('/opt/rmq', 'namesrv', 'kvConfig.json'));
    expect(resolveNamesrvConfig({ rocketmqHome: '/home/x' }, {}, '/srv').configStorePath).toBe(
      join('/home/x', 'namesrv', 'namesrv.properties'),
    );
    expect(resolveNamesrvConfig({ rocketmqHome: '/home/x', kvConfigPath: '/kv.json' }, {}, '/srv').kvConfigPath).toBe('/kv.json');
  });

  it('are read from properties by RocketMQ\'s names with their types; other keys are not settings', () => {
    const { settings, errors } = namesrvSettingsFromProperties(
      new Map([
        ['listenPort', ' 9877 '],
        ['orderMessageEnable', 'true'],
        ['scanNotActiveBrokerInterval', '5000'],
        ['kvConfigPath', '/data/kv.json'],
        ['unknownKey', 'x'],
      ]),
    );
    expect(errors).toEqual([]);
    expect(settings).toEqual({ listenPort: 9877, orderMessageEnable: true, scanNotActiveBrokerInterval: 5000, kvConfigPath: '/data/kv.json' });
  });

  it('report values that do not parse', () => {
    const { errors } = namesrvSettingsFromProperties(
      new Map([
        ['listenPort', 'abc'],
        ['clusterTest', 'yes'],
        ['serverChannelMaxIdleTimeSeconds', '99999999999'],
      ]),
    );
    expect(errors).toEqual([
      'listenPort: "abc" is not a valid int',
      'clusterTest: "yes" is not a valid boolean',
      'serverChannelMaxIdleTimeSeconds: "99999999999" is not a valid int',
    ]);
  });

  it('print as name=value in a fixed order', () => {
    const entries = namesrvConfigEntries(defaultNamesrvConfig({}, '/srv'));
    expect(entries.map(([name]) => name)).toEqual([
      'rocketmqHome',
      'kvConfigPath',
      'configStorePath',
      'productEnvName',
      'clusterTest',
      'orderMessageEnable',
      'configBlackList',
      'scanNotActiveBrokerInterval',
      'listenPort',
      'bindAddress',
      'serverChannelMaxIdleTimeSeconds',
    ]);
    expect(entries).toContainEqual(['listenPort', '9876']);
  });
});
