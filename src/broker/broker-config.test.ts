import { describe, expect, it } from 'vitest';
import {
  BROKER_SETTINGS,
  advertisedIp,
  brokerConfigEntries,
  brokerConfigProblems,
  brokerSettingsFromProperties,
  defaultBrokerConfig,
  nameServerAddresses,
  resolveBrokerConfig,
  storeConfigOf,
} from './broker-config.js';
import { defaultMessageStoreConfig } from '../store/store-config.js';

describe('broker settings', () => {
  it("default to RocketMQ 4.9.8's values, with the store under <rocketmqHome or cwd>/store", () => {
    const config = defaultBrokerConfig({}, '/work');
    expect(config).toMatchObject({
      brokerClusterName: 'DefaultCluster',
      brokerId: 0,
      brokerPermission: 6,
      defaultTopicQueueNums: 8,
      autoCreateTopicEnable: true,
      listenPort: 10911,
      bindAddress: '127.0.0.1',
      brokerRole: 'ASYNC_MASTER',
      flushDiskType: 'ASYNC_FLUSH',
      maxMessageSize: 4 * 1024 * 1024,
      fileReservedTime: 72,
      deleteWhen: '04',
      storePathRootDir: '/work/store',
      namesrvAddr: '',
    });
    expect(defaultBrokerConfig({ ROCKETMQ_HOME: '/opt/rmq', NAMESRV_ADDR: '10.0.0.1:9876' }, '/work')).toMatchObject({
      storePathRootDir: '/opt/rmq/store',
      namesrvAddr: '10.0.0.1:9876',
    });
  });

  it('include every store setting', () => {
    for (const name of Object.keys(defaultMessageStoreConfig)) expect(BROKER_SETTINGS).toHaveProperty(name);
  });

  it('parse from broker.conf properties, reporting bad values and unknown keys', () => {
    const parsed = brokerSettingsFromProperties(
      new Map([
        ['brokerName', 'broker-a'],
        ['listenPort', '20911'],
        ['autoCreateTopicEnable', 'false'],
        ['flushDiskType', 'SYNC_FLUSH'],
        ['brokerRole', 'SLAVE'],
        ['mappedFileSizeCommitLog', '1048576'],
        ['sendMessageThreadPoolNums', '4'],
        ['defaultTopicQueueNums', 'four'],
        ['flushDiskType2', 'x'],
      ]),
    );
    expect(parsed.settings).toEqual({
      brokerName: 'broker-a',
      listenPort: 20911,
      autoCreateTopicEnable: false,
      flushDiskType: 'SYNC_FLUSH',
      brokerRole: 'SLAVE',
      mappedFileSizeCommitLog: 1048576,
    });
    expect(parsed.errors).toEqual(['defaultTopicQueueNums: "four" is not a valid int']);
    expect(parsed.unknown).toEqual(['sendMessageThreadPoolNums', 'flushDiskType2']);
    expect(brokerSettingsFromProperties(new Map([['flushDiskType', 'SOMETIMES']])).errors).toEqual([
      'flushDiskType: "SOMETIMES" is not one of ASYNC_FLUSH, SYNC_FLUSH',
    ]);
  });

  it('resolve the config path under the store, follow rocketmqHome, and make a master\'s id 0', () => {
    const config = resolveBrokerConfig({ rocketmqHome: '/opt/rmq', brokerId: 3 }, {}, '/work');
    expect(config.storePathRootDir).toBe('/opt/rmq/store');
    expect(config.brokerConfigPath).toBe('/opt/rmq/store/config/broker.properties');
    expect(config.brokerId).toBe(0);
    expect(resolveBrokerConfig({ brokerRole: 'SLAVE', brokerId: 1 }, {}, '/work').brokerId).toBe(1);
    expect(resolveBrokerConfig({ brokerConfigPath: '/etc/broker.conf' }, {}, '/work').brokerConfigPath).toBe('/etc/broker.conf');
  });

  it('report what cannot work', () => {
    const base = resolveBrokerConfig({}, {}, '/work');
    expect(brokerConfigProblems(base)).toEqual([]);
    expect(brokerConfigProblems({ ...base, brokerRole: 'SLAVE', brokerId: 0 })).toEqual(["Slave's brokerId must be > 0"]);
    expect(brokerConfigProblems({ ...base, listenPort: 70000 })).toEqual(['listenPort 70000 is not a TCP port']);
    expect(brokerConfigProblems({ ...base, namesrvAddr: '127.0.0.1:9876;nonsense' })[0]).toMatch(/^The Name Server Address\[127.0.0.1:9876;nonsense\] illegal/);
  });

  it('split name server lists on ;', () => {
    expect(nameServerAddresses(' 127.0.0.1:9876; 10.0.0.2:9876 ;')).toEqual(['127.0.0.1:9876', '10.0.0.2:9876']);
    expect(nameServerAddresses('')).toEqual([]);
  });

  it('print every setting in order, and hand the store its part', () => {
    const config = resolveBrokerConfig({ brokerName: 'b' }, {}, '/work');
    const entries = brokerConfigEntries(config);
    expect(entries.map(([name]) => name)).toEqual(Object.keys(BROKER_SETTINGS));
    expect(entries).toContainEqual(['brokerName', 'b']);
    expect(storeConfigOf(config)).toEqual({ ...defaultMessageStoreConfig, storePathRootDir: '/work/store' });
  });

  it('advertise brokerIP1, else a specific bind address, else an interface address', () => {
    expect(advertisedIp({ brokerIP1: '10.1.1.1', bindAddress: '127.0.0.1' })).toBe('10.1.1.1');
    expect(advertisedIp({ brokerIP1: '', bindAddress: '127.0.0.2' })).toBe('127.0.0.2');
    expect(advertisedIp({ brokerIP1: '', bindAddress: '0.0.0.0' })).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});
