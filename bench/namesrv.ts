/**
 * Name server benchmark: GET_ROUTEINFO_BY_TOPIC look-ups per second against a real
 * `mqnamesrv` in a child process (its own core), loaded with 10 brokers in 2 clusters and
 * 1,000 topics (each topic on 2 brokers), with 1 and 64 look-ups in flight over one
 * connection, cycling through the topics.
 * Options: --seconds N (per run, default 5), --serialize JSON|ROCKETMQ (default JSON).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageBodyCrc } from '../src/common/crc32.js';
import { encodeRegisterBrokerBody } from '../src/protocol/bodies/register-broker-body.js';
import { topicConfig, type TopicConfig } from '../src/protocol/bodies/topic-config.js';
import { RequestCode } from '../src/protocol/request-code.js';
import { ResponseCode } from '../src/protocol/response-code.js';
import { SerializeType } from '../src/protocol/serialize-type.js';
import { RemotingClient } from '../src/remoting/client.js';
import { createRequest } from '../src/remoting/remoting-command.js';
import { numberArg, parseArgs } from './support/args.js';
import { Meter, printSummary } from './support/report.js';
import { startCli, stopChild } from './support/servers.js';

const BROKERS = 10;
const TOPICS = 1000;

async function startNamesrv(dir: string): Promise<{ child: ChildProcess; address: string }> {
  const configFile = join(dir, 'namesrv.conf');
  writeFileSync(configFile, `listenPort=0\nkvConfigPath=${join(dir, 'kvConfig.json')}\n`);
  const started = await startCli('mqnamesrv.ts', ['-c', configFile], /The Name Server listens on (\S+)[\s\S]*boot success/);
  return { child: started.child, address: started.match[1] ?? '' };
}

/** Topics of broker `b`: every topic t with t % BROKERS in {b, b - 1}. */
function topicsOf(broker: number): TopicConfig[] {
  const configs: TopicConfig[] = [];
  for (let t = 0; t < TOPICS; t++) {
    const home = t % BROKERS;
    if (home === broker || (home + 1) % BROKERS === broker) configs.push(topicConfig(`BenchTopic-${t}`, { readQueueNums: 8, writeQueueNums: 8 }));
  }
  return configs;
}

async function registerBrokers(address: string): Promise<RemotingClient[]> {
  const brokers: RemotingClient[] = [];
  for (let b = 0; b < BROKERS; b++) {
    const body = encodeRegisterBrokerBody({
      topicConfigSerializeWrapper: {
        dataVersion: { counter: 1, timestamp: Date.now() },
        topicConfigTable: new Map(topicsOf(b).map((config) => [config.topicName, config])),
      },
      filterServerList: [],
    });
    const broker = new RemotingClient();
    const response = await broker.invoke(
      address,
      createRequest(RequestCode.REGISTER_BROKER, {
        body,
        extFields: {
          brokerName: `broker-${b}`,
          brokerAddr: `10.0.0.${b + 1}:10911`,
          clusterName: `BenchCluster-${b % 2}`,
          haServerAddr: `10.0.0.${b + 1}:10912`,
          brokerId: '0',
          compressed: 'false',
          bodyCrc32: String(messageBodyCrc(body)),
        },
      }),
    );
    if (response.code !== ResponseCode.SUCCESS) throw new Error(`registration failed: ${response.code} ${response.remark}`);
    brokers.push(broker);
  }
  return brokers;
}

async function runLookups(address: string, inFlight: number, seconds: number, serializeType: SerializeType, label: string): Promise<void> {
  const client = new RemotingClient();
  const requests = Array.from({ length: TOPICS }, (_, t) =>
    createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { serializeType, extFields: { topic: `BenchTopic-${t}` } }),
  );
  await client.invoke(address, requests[0] ?? createRequest(0));
  const meter = new Meter(`GET_ROUTEINFO_BY_TOPIC ${label}, ${inFlight} in flight`, 'lookups');
  meter.startProgress();
  const deadline = Date.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < deadline) {
        const request = requests[next++ % TOPICS] ?? createRequest(0);
        const started = process.hrtime.bigint();
        try {
          const response = await client.invoke(address, request);
          if (response.code === ResponseCode.SUCCESS) meter.record(Number(process.hrtime.bigint() - started));
          else meter.fail();
        } catch {
          meter.fail();
        }
      }
    }),
  );
  printSummary(meter.stop());
  await client.shutdown();
}

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const seconds = numberArg(args, 'seconds', 5);
  const label = args.get('serialize') === 'ROCKETMQ' ? 'ROCKETMQ' : 'JSON';
  const serializeType = label === 'ROCKETMQ' ? SerializeType.ROCKETMQ : SerializeType.JSON;
  const dir = mkdtempSync(join(tmpdir(), 'bench-namesrv-'));
  const { child, address } = await startNamesrv(dir);
  try {
    const brokers = await registerBrokers(address);
    console.log(`name server ${address}: ${BROKERS} brokers, ${TOPICS} topics registered`);
    for (const inFlight of [1, 64]) await runLookups(address, inFlight, seconds, serializeType, label);
    for (const broker of brokers) await broker.shutdown();
  } finally {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
}
