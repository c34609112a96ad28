/**
 * Produce benchmark: the project's Producer (rocketmq-ts/client) sending 1 KiB messages
 * with `sendAsync` against a real broker: `-n <namesrv>` names a running cluster, else a
 * `mqnamesrv` and a `mqbroker` (ASYNC_FLUSH file store in a temporary directory) are
 * started as child processes. `-w` sends are kept in flight (spread over `--producers`
 * producers, each with its own client instance and connection); a progress line each
 * second, then a summary and `Send TPS: <n>` with send latency percentiles, and the
 * broker's CPU per message and resident memory (now and at its peak).
 *
 * Options, the first ones as RocketMQ's benchmark Producer names them: -n <namesrv>,
 * -t <topic> (BenchProduceTopic), -w <sends in flight> (256), -s <body bytes> (1024),
 * -d <seconds> (10); --rate N (sends a second, each timed on its own, at most -w in
 * flight; default: as fast as -w allows), --producers N (1), --queues N (8), --broker-pid P (with -n: the broker
 * process whose CPU to print beside the client's, e.g. a Java broker's), --profile (the
 * broker runs with --cpu-prof; for the client's own profile run the bench under
 * `node --cpu-prof`, see docs/benchmarks.md).
 *
 * The helpers that start the servers are shared with bench/consume-client.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MQAdmin } from '../src/client/admin/mq-admin.js';
import { Producer } from '../src/client/producer/producer.js';
import { numberArg, parseArgs } from './support/args.js';
import { CpuShare, memoryLine } from './support/cpu.js';
import { latencyPercentiles, Meter, printSummary } from './support/report.js';
import { startCli, stopChild } from './support/servers.js';


export interface BenchCluster {
  namesrvAddr: string;
  /** Where a started broker writes its CPU profile (with --profile). */
  profileDir: string | null;
  /** The broker's process id when this run started it. */
  brokerPid: number | null;
  stop(): Promise<void>;
}

/** The cluster `-n` names, or a name server and a broker started as child processes. */
export async function benchCluster(args: Map<string, string>, label: string): Promise<BenchCluster> {
  const given = args.get('n');
  if (given !== undefined) {
    const brokerPid = args.has('broker-pid') ? numberArg(args, 'broker-pid', 0) : null;
    return { namesrvAddr: given, profileDir: null, brokerPid, stop: async () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), `bench-${label}-`));
  const children: ChildProcess[] = [];
  const profileDir = args.has('profile') ? join(dir, 'profile') : null;
  const stop = async (): Promise<void> => {
    for (const child of children.reverse()) await stopChild(child);
    if (profileDir === null) rmSync(dir, { recursive: true, force: true });
    else console.log(`broker CPU profile in ${profileDir} (kept)`);
  };
  try {
    writeFileSync(join(dir, 'namesrv.conf'), `listenPort=0\nkvConfigPath=${join(dir, 'kvConfig.json')}\n`);
    const namesrv = await startCli('mqnamesrv.ts', ['-c', join(dir, 'namesrv.conf')], /The Name Server listens on (\S+)[\s\S]*boot success/);
    children.push(namesrv.child);
    const namesrvAddr = namesrv.match[1] ?? '';
    writeFileSync(join(dir, 'broker.conf'), `brokerName=broker-bench\nlistenPort=0\nflushDiskType=ASYNC_FLUSH\nstorePathRootDir=${join(dir, 'store')}\n`);
    const profile = profileDir === null ? [] : ['--cpu-prof', '--cpu-prof-dir', profileDir];
    const broker = await startCli('mqbroker.ts', ['-c', join(dir, 'broker.conf'), '-n', namesrvAddr], /The broker listens on (\S+)[\s\S]*boot success/, profile);
    children.push(broker.child);
    console.log(`name server ${namesrvAddr}, broker ${broker.match[1] ?? ''} (store in ${dir})`);
    return { namesrvAddr, profileDir, brokerPid: broker.child.pid ?? null, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Creates `topic` with `queues` queues on every master of the cluster and waits for its route. */
export async function benchTopic(namesrvAddr: string, topic: string, queues: number): Promise<void> {
  const admin = new MQAdmin({ namesrvAddr });
  await admin.start();
  try {
    const [cluster] = [...(await admin.examineBrokerClusterInfo()).clusterAddrTable.keys()];
    if (cluster === undefined) throw new Error('the name server knows no cluster');
    await admin.createTopic(cluster, { topic, readQueueNums: queues, writeQueueNums: queues });
    for (let tries = 0; tries < 200; tries++) {
      const route = await admin.examineTopicRouteInfo(topic).catch(() => null);
      if (route !== null && route.queueDatas.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no route for ${topic}`);
  } finally {
    await admin.shutdown();
  }
}

interface ProduceOptions {
  topic: string;
  seconds: number;
  size: number;
  concurrency: number;
  producers: number;
  /** Sends per second (0: as fast as `concurrency` sends in flight allow). */
  rate: number;
}

/** Keeps `concurrency` sends in flight until the deadline. */
async function sendFlatOut(producers: readonly Producer[], options: ProduceOptions, body: Buffer, meter: Meter): Promise<void> {
  const deadline = Date.now() + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, slot) => {
      const producer = producers[slot % producers.length] as Producer;
      while (Date.now() < deadline) {
        const started = process.hrtime.bigint();
        try {
          await producer.sendAsync({ topic: options.topic, body, tags: 'TagBench' });
          meter.record(Number(process.hrtime.bigint() - started));
        } catch {
          meter.fail();
        }
      }
    }),
  );
}

/** Starts `rate` sends a second, each timed on its own, never more than `concurrency` in flight. */
async function sendAtRate(producers: readonly Producer[], options: ProduceOptions, body: Buffer, meter: Meter): Promise<void> {
  const total = options.rate * options.seconds;
  const begin = process.hrtime.bigint();
  let started = 0;
  let inFlight = 0;
  while (started < total || inFlight > 0) {
    const due = Math.min(total, Math.floor((Number(process.hrtime.bigint() - begin) / 1e9) * options.rate));
    for (; started < due && inFlight < options.concurrency; started++) {
      const producer = producers[started % producers.length] as Producer;
      const sentAt = process.hrtime.bigint();
      inFlight++;
      producer.sendAsync({ topic: options.topic, body, tags: 'TagBench' }).then(
        () => meter.record(Number(process.hrtime.bigint() - sentAt)),
        () => meter.fail(),
      ).finally(() => inFlight--);
    }
    await new Promise((resolve) => setTimeout(resolve, 1)); // paced by the millisecond: no busy loop taking a core from the broker
  }
}

async function runSends(namesrvAddr: string, options: ProduceOptions, brokerPid: number | null): Promise<void> {
  const producers = Array.from({ length: options.producers }, (_, n) => new Producer({ producerGroup: 'bench_produce_group', namesrvAddr, instanceName: `bench-${n}` }));
  for (const producer of producers) {
    await producer.start();
    await producer.send({ topic: options.topic, body: 'warm-up' });
  }
  const body = Buffer.alloc(options.size, 0x61);
  const pace = options.rate > 0 ? `${options.rate} msg/s` : `${options.concurrency} in flight`;
  const meter = new Meter(`Producer.sendAsync ${options.size} B, ${pace} over ${options.producers} producer(s)`, 'msgs');
  meter.startProgress();
  const cpu = new CpuShare(brokerPid);
  await (options.rate > 0 ? sendAtRate : sendFlatOut)(producers, options, body, meter);
  const summary = meter.stop();
  printSummary(summary);
  console.log(`Send TPS: ${Math.round(summary.perSecond)}${latencyPercentiles(summary)}`);
  console.log(cpu.line(summary.count));
  if (brokerPid !== null) console.log(memoryLine(brokerPid));
  for (const producer of producers) await producer.shutdown();
}

/** Options with `-n`-style single-letter names read like `--n`. */
export function benchArgs(argv: string[]): Map<string, string> {
  return parseArgs(argv.map((arg) => (/^-[a-z]$/.test(arg) ? `-${arg}` : arg)));
}

export async function run(argv: string[]): Promise<void> {
  const args = benchArgs(argv);
  const options: ProduceOptions = {
    topic: args.get('t') ?? 'BenchProduceTopic',
    seconds: numberArg(args, 'd', 10),
    size: numberArg(args, 's', 1024),
    concurrency: numberArg(args, 'w', 256),
    producers: numberArg(args, 'producers', 1),
    rate: numberArg(args, 'rate', 0),
  };
  const cluster = await benchCluster(args, 'produce');
  try {
    await benchTopic(cluster.namesrvAddr, options.topic, numberArg(args, 'queues', 8));
    await runSends(cluster.namesrvAddr, options, cluster.brokerPid);
  } finally {
    await cluster.stop();
  }
}
