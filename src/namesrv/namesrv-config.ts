/**
 * The name server's settings under RocketMQ's names (NamesrvConfig + the NettyServerConfig
 * settings that apply here), their defaults, and reading them from properties.
 *
 * | setting | default | meaning |
 * | --- | --- | --- |
 * | rocketmqHome | $ROCKETMQ_HOME or '' | base of the default paths below (cwd when empty) |
 * | kvConfigPath | <rocketmqHome or cwd>/namesrv/kvConfig.json | the KV table's file |
 * | configStorePath | <rocketmqHome or cwd>/namesrv/namesrv.properties | where UPDATE_NAMESRV_CONFIG persists; the -c file when one is given |
 * | productEnvName | center | (clusterTest) name of the production environment |
 * | clusterTest | false | route misses are looked up on the name servers in $NAMESRV_ADDR |
 * | orderMessageEnable | false | routes carry `orderTopicConf` from namespace ORDER_TOPIC_CONFIG |
 * | configBlackList | configBlackList;configStorePath;kvConfigPath | settings UPDATE_NAMESRV_CONFIG may not change |
 * | scanNotActiveBrokerInterval | 10000 | ms between scans for brokers silent for 120 s |
 * | listenPort | 9876 | TCP port; 0 picks a free one |
 * | bindAddress | 127.0.0.1 | address to listen on (0.0.0.0 for every interface) |
 * | serverChannelMaxIdleTimeSeconds | 120 | idle connections are closed after this |
 */
import { join } from 'node:path';
import { parseSettingValue, type SettingType } from '../common/setting-value.js';

export interface NamesrvConfig {
  rocketmqHome: string;
  kvConfigPath: string;
  configStorePath: string;
  productEnvName: string;
  clusterTest: boolean;
  orderMessageEnable: boolean;
  configBlackList: string;
  scanNotActiveBrokerInterval: number;
  listenPort: number;
  bindAddress: string;
  serverChannelMaxIdleTimeSeconds: number;
}


/** Every setting with its type, in the order they are printed. */
export const NAMESRV_SETTINGS: Readonly<Record<keyof NamesrvConfig, SettingType>> = {
  rocketmqHome: 'string',
  kvConfigPath: 'string',
  configStorePath: 'string',
  productEnvName: 'string',
  clusterTest: 'boolean',
  orderMessageEnable: 'boolean',
  configBlackList: 'string',
  scanNotActiveBrokerInterval: 'long',
  listenPort: 'int',
  bindAddress: 'string',
  serverChannelMaxIdleTimeSeconds: 'int',
};

/** Settings UPDATE_NAMESRV_CONFIG never changes, whatever configBlackList says. */
export const ALWAYS_BLACKLISTED = ['configBlackList', 'configStorePath', 'kvConfigPath', 'rocketmqHome'] as const;

export function isNamesrvSetting(name: string): name is keyof NamesrvConfig {
  return Object.hasOwn(NAMESRV_SETTINGS, name);
}

/** The defaults; paths derive from `rocketmqHome` (or `cwd`). */
export function defaultNamesrvConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): NamesrvConfig {
  const rocketmqHome = env['ROCKETMQ_HOME'] ?? '';
  return {
    rocketmqHome,
    ...defaultPaths(rocketmqHome, cwd),
    productEnvName: 'center',
    clusterTest: false,
    orderMessageEnable: false,
    configBlackList: 'configBlackList;configStorePath;kvConfigPath',
    scanNotActiveBrokerInterval: 10_000,
    listenPort: 9876,
    bindAddress: '127.0.0.1',
    serverChannelMaxIdleTimeSeconds: 120,
  };
}

function defaultPaths(rocketmqHome: string, cwd: string): Pick<NamesrvConfig, 'kvConfigPath' | 'configStorePath'> {
  const base = join(rocketmqHome === '' ? cwd : rocketmqHome, 'namesrv');
  return { kvConfigPath: join(base, 'kvConfig.json'), configStorePath: join(base, 'namesrv.properties') };
}

/**
 * The defaults overridden by `given`; when `given` sets rocketmqHome but not the paths,
 * the paths follow it.
 */
export function resolveNamesrvConfig(given: Partial<NamesrvConfig>, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): NamesrvConfig {
  const defaults = defaultNamesrvConfig(env, cwd);
  const rocketmqHome = given.rocketmqHome ?? defaults.rocketmqHome;
  return { ...defaults, ...defaultPaths(rocketmqHome, cwd), ...given };
}

/** Properties that are settings, parsed to their types; values that do not parse are reported. */
export function namesrvSettingsFromProperties(properties: ReadonlyMap<string, string>): {
  settings: Partial<NamesrvConfig>;
  errors: string[];
} {
  const settings: Record<string, string | number | boolean> = {};
  const errors: string[] = [];
  for (const [name, text] of properties) {
    if (!isNamesrvSetting(name)) continue;
    const value = parseSettingValue(NAMESRV_SETTINGS[name], text);
    if (value === undefined) errors.push(`${name}: "${text}" is not a valid ${NAMESRV_SETTINGS[name]}`);
    else settings[name] = value;
  }
  return { settings: settings as Partial<NamesrvConfig>, errors };
}

/** The settings as `name → text`, in NAMESRV_SETTINGS order. */
export function namesrvConfigEntries(config: NamesrvConfig): [string, string][] {
  return Object.keys(NAMESRV_SETTINGS).map((name) => [name, String(config[name as keyof NamesrvConfig])]);
}
