/**
 * Push consumer benchmark: the project's PushConsumer (rocketmq-ts/client) against a real
 * broker (`-n <namesrv>`, else `mqnamesrv` + `mqbroker` child processes as in
 * bench/produce.ts).
 *
 *   1. prefill: `--messages` (300,000) messages of `--size` (1 KiB) into a topic of
 *      `--queues` (8) queues, with the Producer's sendBatch (`--batch` (32) per request);
 *   2. drain: a push consumer (new group, CONSUME_FROM_FIRST_OFFSET, default settings:
 *      pullBatchSize 32, 20 listener calls at once, one message per call unless
 *      `--consume-batch`) consumes the backlog; a progress line each second, then the
 *      rate over the whole drain;
 *   3. end to end: a Producer in another process sends `--rate` (5,000) msg/s for `-d`
 *      seconds (10) while the consumer consumes; born→consumed latency percentiles, from a
 *      process.hrtime stamp in the first 8 bytes of each body (the monotonic clock both
 *      processes share), after 1 s of warm-up.
 *
 * Options: -n <namesrv>, --broker-pid P (as in bench/produce.ts), -t <topic> (BenchConsumeClientTopic), -d <seconds>, --messages N,
 * --size B, --queues N, --batch N, --consume-batch N, --threads N (consumeThreadMax),
 * --rate N, --skip-latency, --profile (broker --cpu-prof).
 */
import { ConsumeConcurrentlyStatus } from '../src/client/consumer/message-listener.js';
import { PushConsumer } from '../src/client/consumer/push-consumer.js';
import type { MessageExt } from '../src/client/message/message-ext.js';
import { Producer } from '../src/client/producer/producer.js';
import type { MessageQueue } from '../src/protocol/bodies/message-queue.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tuneGarbageCollector } from '../src/cli/gc-tuning.js';
import { numberArg, parseArgs } from './support/args.js';
import { spawnTs } from './support/servers.js';
import { CpuShare } from './support/cpu.js';
import { Meter, printSummary } from './support/report.js';
import { benchArgs, benchCluster, benchTopic } from './produce.js';

interface Options {
  topic: string;
  seconds: number;
  messages: number;
  size: number;
  queues: number;
  batch: number;
  consumeBatch: number;
  threads: number;
  rate: number;
}

/** The end-to-end run measures from this long after it starts (routes, connections and JIT warm up), as bench/consume.ts. */
const WARM_UP_MS = 1000;

async function prefill(namesrvAddr: string, options: Options): Promise<void> {
  const producer = new Producer({ producerGroup: 'bench_consume_client_prefill', namesrvAddr });
  await producer.start();
  const queues: MessageQueue[] = await producer.fetchPublishMessageQueues(options.topic);
  const body = Buffer.alloc(options.size, 0x62);
  const meter = new Meter(`prefill: sendBatch of ${options.batch} × ${options.size} B`, 'msgs');
  meter.startProgress();
  let sent = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (sent < options.messages) {
        const count = Math.min(options.batch, options.messages - sent);
        sent += count;
        const queue = queues[next++ % queues.length] as MessageQueue;
        const started = process.hrtime.bigint();
        await producer.sendBatch(Array.from({ length: count }, () => ({ topic: options.topic, body })), { queue });
        meter.record(Number(process.hrtime.bigint() - started));
        meter.add(count - 1);
      }
    }),
  );
  printSummary(meter.stop());
  await producer.shutdown();
}

function consumerOf(namesrvAddr: string, options: Options, onMessages: (msgs: MessageExt[]) => void): PushConsumer {
  const consumer = new PushConsumer({
    consumerGroup: 'bench_consume_client_group',
    namesrvAddr,
    consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET',
    consumeMessageBatchMaxSize: options.consumeBatch,
    consumeThreadMin: Math.min(20, options.threads),
    consumeThreadMax: options.threads,
  });
  consumer.subscribe(options.topic, '*');
  consumer.registerMessageListener({
    consumeConcurrently: (msgs) => {
      onMessages(msgs);
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    },
  });
  return consumer;
}

async function drainAndMeasure(namesrvAddr: string, options: Options, brokerPid: number | null): Promise<void> {
  const meter = new Meter(`PushConsumer drain, ${options.queues} queues, ${options.consumeBatch} message(s) per call, ${options.threads} calls at once`, 'msgs');
  let consumed = 0;
  let latency: Meter | null = null;
  /** Set at the first message of the end-to-end run: measuring starts WARM_UP_MS later. */
  let measureFrom: bigint | null = null;
  const consumer = consumerOf(namesrvAddr, options, (msgs) => {
    consumed += msgs.length;
    if (latency === null) return meter.add(msgs.length);
    const now = process.hrtime.bigint();
    measureFrom ??= now + BigInt(WARM_UP_MS) * 1_000_000n;
    if (now < measureFrom) return;
    for (const msg of msgs) latency.record(Number(now - msg.body.readBigInt64BE(0)));
  });
  meter.startProgress();
  const cpu = new CpuShare(brokerPid);
  await consumer.start();
  while (consumed < options.messages) await new Promise((resolve) => setTimeout(resolve, 20));
  printSummary(meter.stop());
  console.log(cpu.line(consumed));
  if (options.rate > 0) {
    latency = new Meter(`end to end at ${options.rate} msg/s: born → consumed (after ${WARM_UP_MS} ms of warm-up)`, 'msgs');
    await sendAtRate(namesrvAddr, options, latency);
    printSummary(latency.stop());
  }
  await consumer.shutdown();
}

/** Runs the producer child and waits for it: `--rate` msg/s for `-d` seconds from another process. */
async function sendAtRate(namesrvAddr: string, options: Options, latency: Meter): Promise<void> {
  latency.startProgress();
  const child = spawnTs(fileURLToPath(import.meta.url), ['--producer-child', '--namesrv', namesrvAddr, '--topic', options.topic, '--rate', String(options.rate), '--seconds', String(options.seconds), '--size', String(options.size)]);
  await new Promise((resolve) => child.once('exit', resolve));
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** The producer child: Producer.sendAsync at `--rate` msg/s, each body stamped with process.hrtime.bigint() (the clock both processes share). */
async function producerChild(argv: string[]): Promise<void> {
  tuneGarbageCollector();
  const args = parseArgs(argv);
  const rate = numberArg(args, 'rate', 5000);
  const seconds = numberArg(args, 'seconds', 10);
  const body = Buffer.alloc(numberArg(args, 'size', 1024), 0x63);
  const topic = args.get('topic') ?? '';
  const producer = new Producer({ producerGroup: 'bench_consume_client_rate', namesrvAddr: args.get('namesrv') ?? '' });
  await producer.start();
  const first = Buffer.from(body);
  first.writeBigInt64BE(process.hrtime.bigint(), 0);
  await producer.send({ topic, body: first }); // the route, the connection
  const begin = process.hrtime.bigint();
  const total = rate * seconds;
  let sent = 0;
  let failed = 0;
  let inFlight = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((Number((process.hrtime.bigint() - begin) / 1000n) * rate) / 1e6));
    for (; sent < due; sent++) {
      const stamped = Buffer.from(body);
      stamped.writeBigInt64BE(process.hrtime.bigint(), 0);
      inFlight++;
      producer.sendAsync({ topic, body: stamped }).then(
        () => void inFlight--,
        () => void (inFlight--, failed++),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1)); // pace by the millisecond: no busy loop taking a core from the broker
  }
  while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  await producer.shutdown();
  console.log(`producer: ${sent} sent, ${failed} failed`);
}

export async function run(argv: string[]): Promise<void> {
  const args = benchArgs(argv);
  const options: Options = {
    topic: args.get('t') ?? 'BenchConsumeClientTopic',
    seconds: numberArg(args, 'd', 10),
    messages: numberArg(args, 'messages', 300_000),
    size: numberArg(args, 'size', 1024),
    queues: numberArg(args, 'queues', 8),
    batch: numberArg(args, 'batch', 32),
    consumeBatch: numberArg(args, 'consume-batch', 1),
    threads: numberArg(args, 'threads', 20),
    rate: args.has('skip-latency') ? 0 : numberArg(args, 'rate', 5000),
  };
  const cluster = await benchCluster(args, 'consume-client');
  try {
    await benchTopic(cluster.namesrvAddr, options.topic, options.queues);
    await prefill(cluster.namesrvAddr, options);
    await drainAndMeasure(cluster.namesrvAddr, options, cluster.brokerPid);
  } finally {
    await cluster.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href && process.argv.includes('--producer-child')) {
  await producerChild(process.argv.slice(2));
}
