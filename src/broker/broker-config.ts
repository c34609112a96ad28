/**
 * The broker's settings under RocketMQ's broker.conf names — BrokerConfig, the
 * NettyServerConfig settings that apply, `brokerRole`, and every MessageStoreConfig setting
 * of the store (store-config.ts) — with RocketMQ 4.9.8's defaults, and reading them from
 * properties.
 *
 * | setting | default | meaning |
 * | --- | --- | --- |
 * | rocketmqHome | $ROCKETMQ_HOME or '' | base of the default paths (cwd when empty) |
 * | namesrvAddr | $NAMESRV_ADDR or '' | name servers, `host:port;host:port` |
 * | brokerIP1 | '' = bindAddress, or the first non-loopback IPv4 when listening on every interface | address clients reach the broker at; store host of every message |
 * | brokerIP2 | '' = brokerIP1 | address of the HA service (haServerAddr) |
 * | brokerName | host name | |
 * | brokerClusterName | DefaultCluster | |
 * | brokerId | 0 | 0 = master |
 * | brokerPermission | 6 | 4 read, 2 write |
 * | defaultTopicQueueNums | 8 | queues of TBW102 (the auto-creation template) |
 * | autoCreateTopicEnable | true | create unknown topics on send from TBW102 |
 * | clusterTopicEnable / brokerTopicEnable | true | the cluster-name / broker-name topics are readable and writable |
 * | autoCreateSubscriptionGroup | true | create unknown consumer groups on demand |
 * | longPollingEnable | true | park pulls that find nothing until a message arrives or their suspendTimeoutMillis passes |
 * | shortPollingTimeMills | 1000 | how long a pull is parked when longPollingEnable is false |
 * | notifyConsumerIdsChangedEnable | true | send NOTIFY_CONSUMER_IDS_CHANGED to a group's members when it changes |
 * | flushConsumerOffsetInterval | 5000 | ms between writes of consumerOffset.json |
 * | rebalanceLockMaxLiveTime | 60000 | ms an orderly consumer's queue lock lasts without renewal (Java's system property rocketmq.broker.rebalance.lockMaxLiveTime) |
 * | flushDelayOffsetInterval | 10000 | ms between writes of delayOffset.json (a MessageStoreConfig key in Java) |
 * | msgTraceTopicName / traceTopicEnable | RMQ_SYS_TRACE_TOPIC / false | message-trace topic |
 * | rejectTransactionMessage | false | refuse transactional half messages |
 * | storeReplyMessageEnable | true | store reply messages (SEND_REPLY_MESSAGE 324 / 325) in their topic besides pushing them to the requester |
 * | transactionTimeOut | 6000 | ms before a half message whose transaction has not ended is checked |
 * | transactionCheckMax | 15 | checks of a half message before it is discarded (to TRANS_CHECK_MAX_TIME_TOPIC) |
 * | transactionCheckInterval | 60000 | ms between check passes (read at start) |
 * | regionId / traceOn | DefaultRegion / true | MSG_REGION and TRACE_ON of send answers |
 * | startAcceptSendRequestTimeStamp | 0 | sends before this time (ms) are refused |
 * | registerNameServerPeriod | 30000 | ms between registrations (clamped to 10 s..60 s) |
 * | registerBrokerTimeoutMills | 6000 | timeout of one registration |
 * | forceRegister / compressedRegister | true / false | register every period / zlib register body |
 * | configBlackList | configBlackList;brokerConfigPath | settings UPDATE_BROKER_CONFIG may not change |
 * | brokerConfigPath | the -c file, else <storePathRootDir>/config/broker.properties | where UPDATE_BROKER_CONFIG persists |
 * | listenPort | 10911 | TCP port; the VIP channel listens on listenPort - 2; 0 picks free ports |
 * | bindAddress | 127.0.0.1 | address to listen on (0.0.0.0 for every interface) |
 * | serverChannelMaxIdleTimeSeconds | 120 | idle connections are closed after this |
 * | brokerRole | ASYNC_MASTER | ASYNC_MASTER, SYNC_MASTER or SLAVE (a slave refuses sends) |
 * | storePathRootDir | <rocketmqHome or cwd>/store | and every other MessageStoreConfig setting |
 */
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { defaultMessageStoreConfig, type MessageStoreConfig } from '../store/store-config.js';
import { parseSettingValue, type SettingType } from '../common/setting-value.js';

export type BrokerRole = 'ASYNC_MASTER' | 'SYNC_MASTER' | 'SLAVE';
export const BROKER_ROLES: readonly BrokerRole[] = ['ASYNC_MASTER', 'SYNC_MASTER', 'SLAVE'];

/** The broker's own settings (everything but the store's). */
export interface BrokerOwnConfig {
  rocketmqHome: string;
  namesrvAddr: string;
  brokerIP1: string;
  brokerIP2: string;
  brokerName: string;
  brokerClusterName: string;
  brokerId: number;
  brokerPermission: number;
  defaultTopicQueueNums: number;
  autoCreateTopicEnable: boolean;
  clusterTopicEnable: boolean;
  brokerTopicEnable: boolean;
  autoCreateSubscriptionGroup: boolean;
  longPollingEnable: boolean;
  shortPollingTimeMills: number;
  notifyConsumerIdsChangedEnable: boolean;
  flushConsumerOffsetInterval: number;
  flushDelayOffsetInterval: number;
  rebalanceLockMaxLiveTime: number;
  msgTraceTopicName: string;
  traceTopicEnable: boolean;
  rejectTransactionMessage: boolean;
  storeReplyMessageEnable: boolean;
  transactionTimeOut: number;
  transactionCheckMax: number;
  transactionCheckInterval: number;
  regionId: string;
  traceOn: boolean;
  startAcceptSendRequestTimeStamp: number;
  registerNameServerPeriod: number;
  registerBrokerTimeoutMills: number;
  forceRegister: boolean;
  compressedRegister: boolean;
  configBlackList: string;
  brokerConfigPath: string;
  listenPort: number;
  bindAddress: string;
  serverChannelMaxIdleTimeSeconds: number;
  brokerRole: BrokerRole;
}

export type BrokerConfig = BrokerOwnConfig & MessageStoreConfig;

/** How a setting's text is read: a scalar type or the list of allowed values. */

const OWN_SETTINGS: Readonly<Record<keyof BrokerOwnConfig, SettingType>> = {
  rocketmqHome: 'string',
  namesrvAddr: 'string',
  brokerIP1: 'string',
  brokerIP2: 'string',
  brokerName: 'string',
  brokerClusterName: 'string',
  brokerId: 'long',
  brokerPermission: 'int',
  defaultTopicQueueNums: 'int',
  autoCreateTopicEnable: 'boolean',
  clusterTopicEnable: 'boolean',
  brokerTopicEnable: 'boolean',
  autoCreateSubscriptionGroup: 'boolean',
  longPollingEnable: 'boolean',
  shortPollingTimeMills: 'long',
  notifyConsumerIdsChangedEnable: 'boolean',
  flushConsumerOffsetInterval: 'int',
  flushDelayOffsetInterval: 'long',
  rebalanceLockMaxLiveTime: 'long',
  msgTraceTopicName: 'string',
  traceTopicEnable: 'boolean',
  rejectTransactionMessage: 'boolean',
  storeReplyMessageEnable: 'boolean',
  transactionTimeOut: 'long',
  transactionCheckMax: 'int',
  transactionCheckInterval: 'long',
  regionId: 'string',
  traceOn: 'boolean',
  startAcceptSendRequestTimeStamp: 'long',
  registerNameServerPeriod: 'int',
  registerBrokerTimeoutMills: 'int',
  forceRegister: 'boolean',
  compressedRegister: 'boolean',
  configBlackList: 'string',
  brokerConfigPath: 'string',
  listenPort: 'int',
  bindAddress: 'string',
  serverChannelMaxIdleTimeSeconds: 'int',
  brokerRole: BROKER_ROLES,
};

function storeSettingType(name: keyof MessageStoreConfig): SettingType {
  if (name === 'flushDiskType') return ['ASYNC_FLUSH', 'SYNC_FLUSH'];
  const value = defaultMessageStoreConfig[name];
  return typeof value === 'number' ? 'long' : typeof value === 'boolean' ? 'boolean' : 'string';
}

/** Every setting with its type, in the order they are printed (broker first, then store). */
export const BROKER_SETTINGS: Readonly<Record<keyof BrokerConfig, SettingType>> = {
  ...OWN_SETTINGS,
  ...(Object.fromEntries(
    (Object.keys(defaultMessageStoreConfig) as (keyof MessageStoreConfig)[]).map((name) => [name, storeSettingType(name)]),
  ) as Record<keyof MessageStoreConfig, SettingType>),
};

/** Settings UPDATE_BROKER_CONFIG never changes, whatever configBlackList says. */
export const ALWAYS_BLACKLISTED = ['configBlackList', 'brokerConfigPath', 'rocketmqHome'] as const;

export function isBrokerSetting(name: string): name is keyof BrokerConfig {
  return Object.hasOwn(BROKER_SETTINGS, name);
}

/** The defaults; paths derive from `rocketmqHome` (or `cwd`). */
export function defaultBrokerConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): BrokerConfig {
  const rocketmqHome = env['ROCKETMQ_HOME'] ?? '';
  return {
    ...defaultMessageStoreConfig,
    rocketmqHome,
    namesrvAddr: env['NAMESRV_ADDR'] ?? '',
    brokerIP1: '',
    brokerIP2: '',
    brokerName: hostname(),
    brokerClusterName: 'DefaultCluster',
    brokerId: 0,
    brokerPermission: 6,
    defaultTopicQueueNums: 8,
    autoCreateTopicEnable: true,
    clusterTopicEnable: true,
    brokerTopicEnable: true,
    autoCreateSubscriptionGroup: true,
    longPollingEnable: true,
    shortPollingTimeMills: 1000,
    notifyConsumerIdsChangedEnable: true,
    flushConsumerOffsetInterval: 5000,
    flushDelayOffsetInterval: 10_000,
    rebalanceLockMaxLiveTime: 60_000,
    msgTraceTopicName: 'RMQ_SYS_TRACE_TOPIC',
    traceTopicEnable: false,
    rejectTransactionMessage: false,
    storeReplyMessageEnable: true,
    transactionTimeOut: 6000,
    transactionCheckMax: 15,
    transactionCheckInterval: 60_000,
    regionId: 'DefaultRegion',
    traceOn: true,
    startAcceptSendRequestTimeStamp: 0,
    registerNameServerPeriod: 30_000,
    registerBrokerTimeoutMills: 6000,
    forceRegister: true,
    compressedRegister: false,
    configBlackList: 'configBlackList;brokerConfigPath',
    brokerConfigPath: '',
    listenPort: 10911,
    bindAddress: '127.0.0.1',
    serverChannelMaxIdleTimeSeconds: 120,
    brokerRole: 'ASYNC_MASTER',
    storePathRootDir: join(rocketmqHome === '' ? cwd : rocketmqHome, 'store'),
  };
}

/**
 * The defaults overridden by `given`. When `given` sets rocketmqHome but not
 * storePathRootDir, the store follows it; brokerConfigPath defaults to
 * `<storePathRootDir>/config/broker.properties`; a master's brokerId is 0 (as mqbroker
 * forces it).
 */
export function resolveBrokerConfig(given: Partial<BrokerConfig>, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): BrokerConfig {
  const defaults = defaultBrokerConfig(env, cwd);
  const rocketmqHome = given.rocketmqHome ?? defaults.rocketmqHome;
  const config: BrokerConfig = { ...defaults, storePathRootDir: join(rocketmqHome === '' ? cwd : rocketmqHome, 'store'), ...given };
  if (config.brokerConfigPath === '') config.brokerConfigPath = join(config.storePathRootDir, 'config', 'broker.properties');
  if (config.brokerRole !== 'SLAVE') config.brokerId = 0;
  return config;
}

/** What is wrong with a configuration that parsed (empty when nothing is). */
export function brokerConfigProblems(config: BrokerConfig): string[] {
  const problems: string[] = [];
  if (config.listenPort < 0 || config.listenPort > 65535) problems.push(`listenPort ${config.listenPort} is not a TCP port`);
  if (config.listenPort !== 0 && config.listenPort < 3) problems.push(`listenPort ${config.listenPort} leaves no room for the VIP port listenPort - 2`);
  if (config.brokerRole === 'SLAVE' && config.brokerId <= 0) problems.push("Slave's brokerId must be > 0");
  if (config.brokerName.trim() === '') problems.push('brokerName is empty');
  if (config.defaultTopicQueueNums < 0) problems.push(`defaultTopicQueueNums ${config.defaultTopicQueueNums} is negative`);
  if (config.shortPollingTimeMills < 0) problems.push(`shortPollingTimeMills ${config.shortPollingTimeMills} is negative`);
  if (config.flushConsumerOffsetInterval <= 0) problems.push(`flushConsumerOffsetInterval ${config.flushConsumerOffsetInterval} is not positive`);
  if (config.flushDelayOffsetInterval <= 0) problems.push(`flushDelayOffsetInterval ${config.flushDelayOffsetInterval} is not positive`);
  if (config.transactionCheckInterval <= 0) problems.push(`transactionCheckInterval ${config.transactionCheckInterval} is not positive`);
  for (const address of nameServerAddresses(config.namesrvAddr)) {
    if (!/^[^:\s]+:\d{1,5}$/.test(address) && !/^\[[0-9a-fA-F:.]+\]:\d{1,5}$/.test(address)) {
      problems.push(`The Name Server Address[${config.namesrvAddr}] illegal, please set it as follows, "127.0.0.1:9876;192.168.0.1:9876"`);
      break;
    }
  }
  return problems;
}

/** The name server addresses of a `namesrvAddr` value (`;`-separated, blanks dropped). */
export function nameServerAddresses(namesrvAddr: string): string[] {
  return namesrvAddr
    .split(';')
    .map((address) => address.trim())
    .filter((address) => address !== '');
}

export interface ParsedBrokerSettings {
  settings: Partial<BrokerConfig>;
  /** Values that do not parse as their setting's type. */
  errors: string[];
  /** Keys that are not settings (kept, shown by GET_BROKER_CONFIG, otherwise ignored). */
  unknown: string[];
}

/** Properties that are settings, parsed to their types. */
export function brokerSettingsFromProperties(properties: ReadonlyMap<string, string>): ParsedBrokerSettings {
  const settings: Record<string, string | number | boolean> = {};
  const errors: string[] = [];
  const unknown: string[] = [];
  for (const [name, text] of properties) {
    if (!isBrokerSetting(name)) {
      unknown.push(name);
      continue;
    }
    const type = BROKER_SETTINGS[name];
    const value = parseSettingValue(type, text);
    if (value === undefined) errors.push(`${name}: "${text}" is not ${describeType(type)}`);
    else settings[name] = value;
  }
  return { settings: settings as Partial<BrokerConfig>, errors, unknown };
}

function describeType(type: SettingType): string {
  return typeof type === 'string' ? `a valid ${type}` : `one of ${type.join(', ')}`;
}

/** The settings as `name → text`, in BROKER_SETTINGS order. */
export function brokerConfigEntries(config: BrokerConfig): [string, string][] {
  return Object.keys(BROKER_SETTINGS).map((name) => [name, String(config[name as keyof BrokerConfig])]);
}

/** The store's part of the settings. */
export function storeConfigOf(config: BrokerConfig): MessageStoreConfig {
  const store: Record<string, unknown> = {};
  for (const name of Object.keys(defaultMessageStoreConfig)) store[name] = config[name as keyof MessageStoreConfig];
  return store as unknown as MessageStoreConfig;
}

/**
 * The address the broker advertises (brokerIP1 when set): the bind address when it is a
 * specific one, else the first non-internal IPv4 address (127.0.0.1 if there is none).
 */
export function advertisedIp(config: Pick<BrokerConfig, 'brokerIP1' | 'bindAddress'>): string {
  if (config.brokerIP1 !== '') return config.brokerIP1;
  if (config.bindAddress !== '0.0.0.0' && config.bindAddress !== '::' && config.bindAddress !== '') return config.bindAddress;
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '127.0.0.1';
}
