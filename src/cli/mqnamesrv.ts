#!/usr/bin/env -S node --initial-heap-size=256
/**
 * `mqnamesrv`: starts a name server, like RocketMQ's `bin/mqnamesrv`.
 *
 *   mqnamesrv [-c namesrv.conf] [-p] [-h]
 *
 * Settings come from the -c file (Java properties, RocketMQ's names; see
 * docs/namesrv.md); UPDATE_NAMESRV_CONFIG persists changes back to that file. Prints
 * where it listens and RocketMQ's boot line once listening; logs are pino JSON lines,
 * `warn` and above unless ROCKETMQ_LOG_LEVEL says otherwise. SIGINT / SIGTERM stop it
 * gracefully.
 */
import { createLogger } from '../common/log.js';
import { formatProperties } from '../common/properties-file.js';
import { NameServer } from '../namesrv/namesrv.js';
import {
  isNamesrvSetting,
  namesrvConfigEntries,
  namesrvSettingsFromProperties,
  resolveNamesrvConfig,
  type NamesrvConfig,
} from '../namesrv/namesrv-config.js';
import { MQNAMESRV_USAGE, parseMqnamesrvArgs } from './mqnamesrv-args.js';
import { fail, readArgs, readConfigFile } from './command-line.js';
import { stopOnSignal } from './stop-on-signal.js';
import { tuneGarbageCollector } from './gc-tuning.js';

function settingsOf(properties: ReadonlyMap<string, string>, configFile: string | null): NamesrvConfig {
  const { settings, errors } = namesrvSettingsFromProperties(properties);
  if (errors.length > 0) fail(`invalid settings in ${configFile ?? 'the configuration'}:\n  ${errors.join('\n  ')}`);
  if (configFile !== null) settings.configStorePath = configFile;
  return resolveNamesrvConfig(settings);
}

async function main(): Promise<void> {
  tuneGarbageCollector();
  const args = readArgs(parseMqnamesrvArgs, MQNAMESRV_USAGE);
  if (args.help) {
    console.log(MQNAMESRV_USAGE);
    return;
  }
  const properties = args.configFile === null ? new Map<string, string>() : readConfigFile(args.configFile);
  const config = settingsOf(properties, args.configFile);
  if (args.printConfigItem) {
    process.stdout.write(formatProperties(namesrvConfigEntries(config)));
    return;
  }
  const extraProperties = new Map([...properties].filter(([key]) => !isNamesrvSetting(key)));
  const server = new NameServer({ logger: createLogger('mqnamesrv'), extraProperties });
  try {
    await server.start(config);
  } catch (error) {
    fail(`The Name Server failed to start: ${(error as Error).message}`);
  }
  console.log(`The Name Server listens on ${server.address}`);
  console.log('The Name Server boot success. serializeType=JSON');
  stopOnSignal(() => server.shutdown());
}

await main();
