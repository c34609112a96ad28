/**
 * Broker benchmark: SEND_MESSAGE_V2 with 1 KiB bodies against a real `mqbroker` (ASYNC_FLUSH
 * file store in a temporary directory) registered with a real `mqnamesrv`, both in child
 * processes; producers are the project's RemotingClient, sending the Java client's header
 * (producer group, topic, queue round robin, UNIQ_KEY / WAIT / TAGS properties) with a
 * fixed number of sends in flight. Prints a progress line each second and a summary with
 * p50 / p99 latency.
 *
 * Options: --seconds N (default 10), --inflight N (default 64), --producers N connections
 * (default 1), --size bytes (default 1024), --serialize JSON|ROCKETMQ (default JSON),
 * --profile (run the broker with --cpu-prof; the profile's directory is printed).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RequestCode } from '../src/protocol/request-code.js';
import { ResponseCode } from '../src/protocol/response-code.js';
import { SerializeType } from '../src/protocol/serialize-type.js';
import { RemotingClient } from '../src/remoting/client.js';
import { createRequest, type RemotingCommand } from '../src/remoting/remoting-command.js';
import { numberArg, parseArgs } from './support/args.js';
import { startCli, stopChild } from './support/servers.js';
import { Meter, printSummary } from './support/report.js';
import { sendHeader } from './support/send-header.js';

const TOPIC = 'BenchBrokerTopic';
const QUEUES = 8;

function sendRequest(queueId: number, sequence: number, body: Buffer, serializeType: SerializeType): RemotingCommand {
  const uniqueKey = `7F000001${process.pid.toString(16).padStart(4, '0').slice(-4)}BE7C0000${sequence.toString(16).toUpperCase().padStart(12, '0')}`;
  return createRequest(RequestCode.SEND_MESSAGE_V2, {
    serializeType,
    body,
    extFields: sendHeader({ producerGroup: 'bench_producer_group', topic: TOPIC, queueId, properties: { UNIQ_KEY: uniqueKey, WAIT: 'true', TAGS: 'TagBench' }, brokerName: 'broker-bench' }),
  });
}

async function runSends(address: string, options: { seconds: number; inFlight: number; producers: number; size: number; serializeType: SerializeType; label: string }): Promise<void> {
  const clients = Array.from({ length: options.producers }, () => new RemotingClient({ requestTimeoutMs: 10_000 }));
  const body = Buffer.alloc(options.size, 0x61);
  let sequence = 0;
  for (const client of clients) await client.invoke(address, sendRequest(0, sequence++, body, options.serializeType));
  const meter = new Meter(`SEND_MESSAGE_V2 ${options.size} B, ${options.label}, ${options.inFlight} in flight over ${options.producers} connection(s)`, 'sends');
  meter.startProgress();
  const deadline = Date.now() + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.inFlight }, async (_, slot) => {
      const client = clients[slot % clients.length] as RemotingClient;
      while (Date.now() < deadline) {
        const n = sequence++;
        const started = process.hrtime.bigint();
        try {
          const response = await client.invoke(address, sendRequest(n % QUEUES, n, body, options.serializeType));
          if (response.code === ResponseCode.SUCCESS) meter.record(Number(process.hrtime.bigint() - started));
          else meter.fail();
        } catch {
          meter.fail();
        }
      }
    }),
  );
  printSummary(meter.stop());
  for (const client of clients) await client.shutdown();
}

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  const label = args.get('serialize') === 'ROCKETMQ' ? 'ROCKETMQ' : 'JSON';
  const options = {
    seconds: numberArg(args, 'seconds', 10),
    inFlight: numberArg(args, 'inflight', 64),
    producers: numberArg(args, 'producers', 1),
    size: numberArg(args, 'size', 1024),
    serializeType: label === 'ROCKETMQ' ? SerializeType.ROCKETMQ : SerializeType.JSON,
    label,
  };
  const dir = mkdtempSync(join(tmpdir(), 'bench-broker-'));
  const children: ChildProcess[] = [];
  try {
    writeFileSync(join(dir, 'namesrv.conf'), `listenPort=0\nkvConfigPath=${join(dir, 'kvConfig.json')}\n`);
    const namesrv = await startCli('mqnamesrv.ts', ['-c', join(dir, 'namesrv.conf')], /The Name Server listens on (\S+)[\s\S]*boot success/);
    children.push(namesrv.child);
    const nameServer = namesrv.match[1] ?? '';
    writeFileSync(join(dir, 'broker.conf'), `brokerName=broker-bench\nlistenPort=0\nflushDiskType=ASYNC_FLUSH\nstorePathRootDir=${join(dir, 'store')}\n`);
    const profile = args.has('profile') ? ['--cpu-prof', '--cpu-prof-dir', join(dir, 'profile')] : [];
    const broker = await startCli('mqbroker.ts', ['-c', join(dir, 'broker.conf'), '-n', nameServer], /The broker listens on (\S+)[\s\S]*boot success/, profile);
    children.push(broker.child);
    const address = broker.match[1] ?? '';
    const admin = new RemotingClient();
    const extFields = { topic: TOPIC, defaultTopic: 'TBW102', readQueueNums: String(QUEUES), writeQueueNums: String(QUEUES), perm: '6', topicFilterType: 'SINGLE_TAG', topicSysFlag: '0', order: 'false' };
    await admin.invoke(address, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }));
    await admin.shutdown();
    console.log(`broker ${address} (store in ${dir}), name server ${nameServer}`);
    await runSends(address, options);
    if (profile.length > 0) {
      await stopChild(broker.child);
      console.log(`broker CPU profile written to ${join(dir, 'profile')} (kept)`);
    }
  } finally {
    for (const child of children.reverse()) await stopChild(child);
    if (!args.has('profile')) rmSync(dir, { recursive: true, force: true });
  }
}
