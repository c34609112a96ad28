/**
 * Consume benchmark: PULL_MESSAGE against a real `mqbroker` (ASYNC_FLUSH file store in a
 * temporary directory) registered with a real `mqnamesrv`, both child processes unless
 * `-n` names a running name server (its first master is used). Consumers are the project's
 * RemotingClient, pulling as a 4.9.8 consumer does: one pull in flight per queue, 32
 * messages at most, the next from the answer's nextBeginOffset.
 *
 *   1. prefill: `--messages` (1,000,000) messages of `--size` (1 KiB) into the topic's 4
 *      queues (SEND_BATCH_MESSAGE of `--batch` (32) messages per queue, round robin);
 *   2. drain the backlog with 1 consumer connection (pulling all 4 queues), then with 4
 *      (a queue each): a progress line each second, `Consume TPS: <n>`, and the
 *      born→consumed latency of the drained messages (their time in the backlog);
 *   3. end-to-end latency: a producer in a separate process sends `--rate` (5,000) msg/s
 *      for `-d` seconds (10) while a consumer here long-polls the 4 queues; born→consumed
 *      is measured on the monotonic clock both processes share (stamped into each body),
 *      from one second after the first message (warm-up) on.
 *
 * Options: -n <namesrv>, -t <topic> (BenchConsumeTopic), -g <group> (bench_consume_group),
 * -d <seconds>, --messages N, --size B, --batch N, --rate N, --skip-latency, --profile
 * (the broker runs with --cpu-prof; its directory is printed and kept).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHistogram } from 'node:perf_hooks';
import { decodeClusterInfo } from '../src/protocol/bodies/cluster-info.js';
import { encodeBatch } from '../src/protocol/message/batch.js';
import { RecordPosition, variableRecordPositions } from '../src/protocol/message/message-record.js';
import { RequestCode } from '../src/protocol/request-code.js';
import { ResponseCode } from '../src/protocol/response-code.js';
import { RemotingClient } from '../src/remoting/client.js';
import { createRequest, type RemotingCommand } from '../src/remoting/remoting-command.js';
import { numberArg, parseArgs } from './support/args.js';
import { Meter, printSummary } from './support/report.js';
import { sendHeader } from './support/send-header.js';
import { spawnTs, startCli, stopChild } from './support/servers.js';
import { tuneGarbageCollector } from '../src/cli/gc-tuning.js';

const QUEUES = 4;
/** The end-to-end run measures latency from this long after the first message consumed (connections, files and JIT warm up). */
const WARM_UP_MS = 1000;

interface Options {
  topic: string;
  group: string;
  seconds: number;
  messages: number;
  size: number;
  batch: number;
  rate: number;
}

// --- processes ---------------------------------------------------------------------------------

async function masterOf(nameServer: string): Promise<string> {
  const client = new RemotingClient();
  try {
    const answer = await client.invoke(nameServer, createRequest(RequestCode.GET_BROKER_CLUSTER_INFO));
    for (const broker of decodeClusterInfo(answer.body ?? Buffer.alloc(0)).brokerAddrTable.values()) {
      const master = broker.brokerAddrs.get(0);
      if (master) return master;
    }
    throw new Error(`no master broker registered with ${nameServer}`);
  } finally {
    await client.shutdown();
  }
}

async function createTopic(address: string, topic: string): Promise<void> {
  const client = new RemotingClient();
  const extFields = { topic, defaultTopic: 'TBW102', readQueueNums: String(QUEUES), writeQueueNums: String(QUEUES), perm: '6', topicFilterType: 'SINGLE_TAG', topicSysFlag: '0', order: 'false' };
  const answer = await client.invoke(address, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }));
  await client.shutdown();
  if (answer.code !== ResponseCode.SUCCESS) throw new Error(`cannot create ${topic}: ${answer.remark}`);
}

// --- producing ---------------------------------------------------------------------------------

function benchSendHeader(topic: string, queueId: number, batch: boolean): Record<string, string> {
  return sendHeader({ producerGroup: 'bench_consume_producer', topic, queueId, properties: batch ? { WAIT: 'true' } : { WAIT: 'true', TAGS: 'TagBench' }, batch });
}

async function prefill(address: string, options: Options): Promise<number[]> {
  const client = new RemotingClient({ requestTimeoutMs: 30_000 });
  const body = Buffer.alloc(options.size, 0x62);
  const entries = Array.from({ length: options.batch }, () => ({ flag: 0, body, properties: { TAGS: 'TagBench' } }));
  const batchBody = encodeBatch(entries);
  const meter = new Meter(`prefill ${options.messages} x ${options.size} B in ${QUEUES} queues, batches of ${options.batch}`, 'messages');
  meter.startProgress();
  let sent = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (sent < options.messages) {
        sent += options.batch;
        const queueId = next++ % QUEUES;
        const answer = await client.invoke(address, createRequest(RequestCode.SEND_BATCH_MESSAGE, { extFields: benchSendHeader(options.topic, queueId, true), body: batchBody }));
        if (answer.code === ResponseCode.SUCCESS) meter.add(options.batch);
        else meter.fail();
      }
    }),
  );
  printSummary(meter.stop());
  const maxOffsets: number[] = [];
  for (let queueId = 0; queueId < QUEUES; queueId++) {
    const answer = await client.invoke(address, createRequest(RequestCode.GET_MAX_OFFSET, { extFields: { topic: options.topic, queueId: String(queueId) } }));
    maxOffsets.push(Number(answer.extFields?.['offset'] ?? 0));
  }
  await client.shutdown();
  return maxOffsets;
}

// --- consuming ---------------------------------------------------------------------------------

function pullRequest(topic: string, group: string, queueId: number, offset: number, suspend: boolean): RemotingCommand {
  return createRequest(RequestCode.PULL_MESSAGE, {
    extFields: {
      consumerGroup: group,
      topic,
      queueId: String(queueId),
      queueOffset: String(offset),
      maxMsgNums: '32',
      sysFlag: String(suspend ? 6 : 4),
      commitOffset: '0',
      suspendTimeoutMillis: '15000',
      subscription: '*',
      subVersion: '0',
    },
  });
}

/** Calls `each` with the start of each record of a pull body; returns how many there were. */
function forEachRecord(body: Buffer | null, each: (at: number) => void): number {
  if (!body) return 0;
  let count = 0;
  for (let at = 0; at + 4 <= body.length; at += body.readInt32BE(at)) {
    each(at);
    count++;
  }
  return count;
}

async function drain(address: string, options: Options, connections: number, maxOffsets: number[]): Promise<void> {
  const clients = Array.from({ length: connections }, () => new RemotingClient({ requestTimeoutMs: 30_000 }));
  const group = `${options.group}_${connections}conn`;
  const latency = createHistogram();
  const meter = new Meter(`drain ${maxOffsets.reduce((a, b) => a + b, 0)} messages, ${connections} connection(s), 1 pull in flight per queue`, 'messages');
  for (const client of clients) await client.connection(address);
  meter.startProgress();
  const deadline = Date.now() + Math.max(options.seconds, 60) * 1000;
  await Promise.all(
    maxOffsets.map(async (max, queueId) => {
      const client = clients[queueId % connections] as RemotingClient;
      let offset = 0;
      while (offset < max && Date.now() < deadline) {
        const answer = await client.invoke(address, pullRequest(options.topic, group, queueId, offset, false));
        if (answer.code !== ResponseCode.SUCCESS) {
          meter.fail();
          offset = Number(answer.extFields?.['nextBeginOffset'] ?? offset);
          continue;
        }
        const now = Date.now();
        const body = answer.body;
        meter.add(forEachRecord(body, (at) => latency.record(Math.max(1, now - Number(body?.readBigInt64BE(at + RecordPosition.BORNTIMESTAMP))))));
        offset = Number(answer.extFields?.['nextBeginOffset']);
      }
    }),
  );
  const summary = meter.stop();
  printSummary(summary);
  console.log(`Consume TPS: ${Math.round(summary.perSecond)} (${connections} connection(s))`);
  console.log(`born→consumed (ms, time in the backlog): p50 ${latency.percentile(50)} | p99 ${latency.percentile(99)} | p99.9 ${latency.percentile(99.9)} | max ${latency.max}`);
  for (const client of clients) await client.shutdown();
}

// --- end-to-end latency ------------------------------------------------------------------------

/** The producer child: `--rate` msg/s for `--seconds`, the body stamped with process.hrtime.bigint(). */
async function producerChild(argv: string[]): Promise<void> {
  tuneGarbageCollector();
  const args = parseArgs(argv);
  const address = args.get('address') ?? '';
  const topic = args.get('topic') ?? '';
  const rate = numberArg(args, 'rate', 5000);
  const seconds = numberArg(args, 'seconds', 10);
  const size = numberArg(args, 'size', 1024);
  const client = new RemotingClient({ requestTimeoutMs: 10_000 });
  await client.connection(address);
  const started = process.hrtime.bigint();
  const total = rate * seconds;
  let sent = 0;
  let failed = 0;
  const inFlight = new Set<Promise<void>>();
  while (sent < total) {
    const due = Number((process.hrtime.bigint() - started) / 1000n) * (rate / 1e6);
    while (sent < Math.min(due, total)) {
      const body = Buffer.alloc(size, 0x63);
      body.writeBigInt64BE(process.hrtime.bigint(), 0);
      const queueId = sent++ % QUEUES;
      const sending = client
        .invoke(address, createRequest(RequestCode.SEND_MESSAGE_V2, { extFields: benchSendHeader(topic, queueId, false), body }))
        .then((answer) => {
          if (answer.code !== ResponseCode.SUCCESS) failed++;
        })
        .catch(() => void failed++)
        .finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
    await new Promise((resolve) => setTimeout(resolve, 1)); // pace by the millisecond: no busy loop taking a core from the broker
  }
  await Promise.all(inFlight);
  await client.shutdown();
  console.log(`producer: ${sent} sent, ${failed} failed`);
}

async function latencyRun(address: string, options: Options): Promise<void> {
  const topic = `${options.topic}_latency`;
  await createTopic(address, topic);
  const client = new RemotingClient({ requestTimeoutMs: 30_000 });
  const group = `${options.group}_latency`;
  const latency = createHistogram();
  const meter = new Meter(`end to end, ${options.rate} msg/s from another process, long polling`, 'messages');
  let running = true;
  let recordFrom: bigint | null = null;
  const offsets = [0, 0, 0, 0];
  const pulls = offsets.map(async (_, queueId) => {
    while (running) {
      const answer = await client.invoke(address, pullRequest(topic, group, queueId, offsets[queueId] as number, true)).catch(() => null);
      if (!answer) continue;
      const now = process.hrtime.bigint();
      if (answer.code === ResponseCode.SUCCESS) {
        const body = answer.body as Buffer;
        recordFrom ??= now + BigInt(WARM_UP_MS) * 1_000_000n;
        const measured = now >= recordFrom;
        meter.add(forEachRecord(body, (at) => measured && latency.record(Math.max(1, Number(now - stampOf(body, at))))));
      }
      offsets[queueId] = Number(answer.extFields?.['nextBeginOffset'] ?? offsets[queueId]);
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  meter.startProgress();
  const producer = spawnTs(fileURLToPath(import.meta.url), ['--producer-child', '--address', address, '--topic', topic, '--rate', String(options.rate), '--seconds', String(options.seconds), '--size', String(options.size)]);
  await new Promise((resolve) => producer.once('exit', resolve));
  await new Promise((resolve) => setTimeout(resolve, 500));
  running = false;
  printSummary(meter.stop());
  const ms = (p: number) => (latency.percentile(p) / 1e6).toFixed(3);
  console.log(`born→consumed at ${options.rate} msg/s (ms, after ${WARM_UP_MS} ms of warm-up): p50 ${ms(50)} | p99 ${ms(99)} | p99.9 ${ms(99.9)} | max ${(latency.max / 1e6).toFixed(3)} (${latency.count} messages)`);
  await client.shutdown();
  await Promise.allSettled(pulls);
}

/** The producer's hrtime stamp: the first 8 bytes of the message body of the record at `at`. */
function stampOf(records: Buffer, at: number): bigint {
  const sysFlag = records.readInt32BE(at + RecordPosition.SYSFLAG);
  return records.readBigInt64BE(at + variableRecordPositions(sysFlag).BODY);
}

// --- main ----------------------------------------------------------------------------------------

export async function run(argv: string[]): Promise<void> {
  const args = parseArgs(argv.map((arg) => (/^-[a-z]$/.test(arg) ? `-${arg}` : arg)));
  const options: Options = {
    topic: args.get('t') ?? 'BenchConsumeTopic',
    group: args.get('g') ?? 'bench_consume_group',
    seconds: numberArg(args, 'd', 10),
    messages: numberArg(args, 'messages', 1_000_000),
    size: numberArg(args, 'size', 1024),
    batch: numberArg(args, 'batch', 32),
    rate: numberArg(args, 'rate', 5000),
  };
  const dir = mkdtempSync(join(tmpdir(), 'bench-consume-'));
  const children: ChildProcess[] = [];
  try {
    const address = args.has('n') ? await masterOf(args.get('n') ?? '') : await startServers(dir, args.has('profile'), children);
    await createTopic(address, options.topic);
    console.log(`broker ${address}, topic ${options.topic} (${QUEUES} queues)`);
    const maxOffsets = await prefill(address, options);
    await drain(address, options, 1, maxOffsets);
    await drain(address, options, QUEUES, maxOffsets);
    if (!args.has('skip-latency')) await latencyRun(address, options);
    if (args.has('profile')) console.log(`broker CPU profile in ${join(dir, 'profile')} (kept)`);
  } finally {
    for (const child of children.reverse()) await stopChild(child);
    rmSync(args.has('profile') ? join(dir, 'store') : dir, { recursive: true, force: true });
  }
}

async function startServers(dir: string, profile: boolean, children: ChildProcess[]): Promise<string> {
  writeFileSync(join(dir, 'namesrv.conf'), `listenPort=0\nkvConfigPath=${join(dir, 'kvConfig.json')}\n`);
  const namesrv = await startCli('mqnamesrv.ts', ['-c', join(dir, 'namesrv.conf')], /The Name Server listens on (\S+)[\s\S]*boot success/);
  children.push(namesrv.child);
  writeFileSync(join(dir, 'broker.conf'), `brokerName=broker-bench\nlistenPort=0\nflushDiskType=ASYNC_FLUSH\nstorePathRootDir=${join(dir, 'store')}\n`);
  const nodeArgs = profile ? ['--cpu-prof', '--cpu-prof-dir', join(dir, 'profile')] : [];
  const broker = await startCli('mqbroker.ts', ['-c', join(dir, 'broker.conf'), '-n', namesrv.match[1] ?? ''], /The broker listens on (\S+)[\s\S]*boot success/, nodeArgs);
  children.push(broker.child);
  return broker.match[1] ?? '';
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv.includes('--producer-child')) {
  await producerChild(process.argv.slice(2));
}
