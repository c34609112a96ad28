#!/usr/bin/env -S node --initial-heap-size=256
/**
 * `mqbroker`: starts a broker, like RocketMQ's `bin/mqbroker`.
 *
 *   mqbroker [-n <namesrv list>] [-c broker.conf] [-p | -m] [-h]
 *
 * Settings come from the -c file (Java properties, RocketMQ's broker.conf names; see
 * docs/broker.md), -n over the file's namesrvAddr. Keys that are not settings are
 * reported and otherwise ignored. Once listening it prints where (the real ports when
 * listenPort=0) and RocketMQ's boot line; SIGINT / SIGTERM unregister from the name
 * servers and stop it cleanly. Logs are pino JSON lines, `warn` and above unless
 * ROCKETMQ_LOG_LEVEL says otherwise.
 */
import { Broker } from '../broker/broker.js';
import {
  brokerConfigEntries,
  brokerConfigProblems,
  brokerSettingsFromProperties,
  resolveBrokerConfig,
  type BrokerConfig,
} from '../broker/broker-config.js';
import { createLogger } from '../common/log.js';
import { formatProperties } from '../common/properties-file.js';
import { MQBROKER_USAGE, parseMqbrokerArgs, type MqbrokerArgs } from './mqbroker-args.js';
import { fail, readArgs, readConfigFile } from './command-line.js';
import { stopOnSignal } from './stop-on-signal.js';
import { tuneGarbageCollector } from './gc-tuning.js';

/** The settings `-m` prints (RocketMQ's "important" ones). */
const IMPORTANT_SETTINGS: readonly (keyof BrokerConfig)[] = [
  'namesrvAddr', 'brokerIP1', 'brokerName', 'brokerClusterName', 'brokerId', 'brokerRole', 'listenPort', 'bindAddress',
  'storePathRootDir', 'storePathCommitLog', 'flushDiskType', 'autoCreateTopicEnable', 'defaultTopicQueueNums',
];

function settingsOf(properties: ReadonlyMap<string, string>, args: MqbrokerArgs): BrokerConfig {
  const { settings, errors, unknown } = brokerSettingsFromProperties(properties);
  if (errors.length > 0) fail(`invalid settings in ${args.configFile ?? 'the configuration'}:\n  ${errors.join('\n  ')}`);
  for (const key of unknown) console.error(`warning: "${key}" is not a setting of this broker; ignored`);
  if (args.namesrvAddr !== null) settings.namesrvAddr = args.namesrvAddr;
  if (args.configFile !== null) settings.brokerConfigPath = args.configFile;
  const config = resolveBrokerConfig(settings);
  const problems = brokerConfigProblems(config);
  if (problems.length > 0) fail(problems.join('\n'), 3);
  return config;
}

async function main(): Promise<void> {
  tuneGarbageCollector();
  const args = readArgs(parseMqbrokerArgs, MQBROKER_USAGE);
  if (args.help) {
    console.log(MQBROKER_USAGE);
    return;
  }
  const properties = args.configFile === null ? new Map<string, string>() : readConfigFile(args.configFile);
  const config = settingsOf(properties, args);
  if (args.printConfigItem || args.printImportantConfig) {
    const entries = brokerConfigEntries(config).filter(([name]) => args.printConfigItem || IMPORTANT_SETTINGS.includes(name as keyof BrokerConfig));
    process.stdout.write(formatProperties(entries));
    return;
  }
  const broker = new Broker({ logger: createLogger('mqbroker'), extraProperties: properties });
  try {
    await broker.start(config);
  } catch (error) {
    fail(`The broker failed to start: ${(error as Error).message}`);
  }
  console.log(`The broker listens on ${broker.address} (VIP channel port ${broker.vipPort})`);
  const nameServers = config.namesrvAddr === '' ? '' : ` and name server is ${config.namesrvAddr}`;
  console.log(`The broker[${config.brokerName}, ${broker.address}] boot success. serializeType=JSON${nameServers}`);
  stopOnSignal(() => broker.shutdown());
}

await main();
