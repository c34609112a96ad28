/**
 * Message store benchmark (`npm run bench -- store`), in five parts, each selectable with
 * `--only raw|async|sync|recovery|heap` (comma-separated for several):
 *   raw:      the disk under the store: 4 GiB (--raw-bytes) in 1 MiB positioned writes then
 *             one fdatasync (MB/s), and 64 KiB writes each followed by fdatasync (fsyncs/s).
 *             4 GiB rather than 1: on a VM whose freed memory goes back to the host, the
 *             first GiB after a deletion writes into pages still mapped and runs several
 *             times faster than the sustained rate.
 *   async:    FileMessageStore with ASYNC_FLUSH, 1 KiB messages, many puts in flight over
 *             4 topics × 8 queues: messages/s and MB/s, also counted up to the end of the
 *             final flush; target ≥ 70 % of the raw bandwidth.
 *   sync:     SYNC_FLUSH with 64 producers each waiting for its put: messages/s, p50/p99
 *             latency; target ≥ 100k messages/s.
 *   recovery: a child process appends ≥ 1 GiB and is killed with SIGKILL while appending;
 *             `start()` (abnormal recovery) is timed per GiB scanned, then a clean reopen.
 *   heap:     a child (--expose-gc) stores 10M small messages and reports heapUsed, rss
 *             and external memory after a full GC at every tenth of them (1M, 2M, … 10M).
 * Data goes to a fresh directory under `--dir` (default ./data/bench-store), removed at the
 * end (also on Ctrl-C). Free space is checked with statfs first; a part that would not fit
 * is scaled down, with a line saying so.
 * Options: --seconds N (async and sync runs, default 10), --raw-bytes (4 GiB), --segment
 * BYTES (commit-log file size, 1 GiB), --body BYTES (1024), --in-flight N (async, 512),
 * --producers N (sync, 64), --recovery-bytes (1 GiB), --messages N (heap, 10,000,000),
 * --heap-body BYTES (100).
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { messageRecordSize } from '../src/protocol/message/message-record.js';
import { encodePropertiesBytes } from '../src/protocol/message/properties.js';
import { FileMessageStore } from '../src/store/file-message-store.js';
import type { MessageToStore } from '../src/store/message-store.js';
import type { MessageStoreConfig } from '../src/store/store-config.js';
import { numberArg, parseArgs } from './support/args.js';
import { Meter, printSummary, type Summary } from './support/report.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const PARTS = ['raw', 'async', 'sync', 'recovery', 'heap'] as const;
type Part = (typeof PARTS)[number];
const childScript = fileURLToPath(new URL('./store-child.ts', import.meta.url));
/** Room kept for index files (≤ 420 MB each at the defaults), consume queues and the checkpoint. */
const STORE_SLACK_BYTES = GiB;
/** Below this much room for the commit log, the store parts are skipped rather than run. */
const MIN_STORE_BUDGET_BYTES = 256 * MiB;
const SYNC_TARGET_PER_SECOND = 100_000;
const ASYNC_TARGET_SHARE = 0.7;

interface Options {
  parts: Set<Part>;
  seconds: number;
  rawBytes: number;
  segmentBytes: number;
  bodyBytes: number;
  inFlight: number;
  producers: number;
  recoveryBytes: number;
  messages: number;
  heapBodyBytes: number;
  /** Commit-log bytes an async or sync run may write at most. */
  appendBytes: number;
}

/** What the child process (store-child.ts) reports over IPC. */
export type ChildReport =
  | { kind: 'progress'; count: number }
  | { kind: 'written'; bytes: number; count: number }
  | { kind: 'memory'; messages: number; heapUsed: number; heapTotal: number; rss: number; external: number };

// --- messages ---------------------------------------------------------------------------

const TOPICS = 4;
const QUEUES_PER_TOPIC = 8;

/**
 * Messages as a producer sends them: a shared body, a unique UNIQ_KEY (indexed), a tag and
 * WAIT=true, round-robin over TOPICS × QUEUES_PER_TOPIC queues.
 */
export class MessageSource {
  private n = 0;
  private readonly prefix = randomBytes(12).toString('hex').toUpperCase();
  private readonly topics = Array.from({ length: TOPICS }, (_, t) => `BenchStoreTopic${t}`);
  private readonly body: Buffer;

  constructor(bodyBytes: number) {
    this.body = Buffer.alloc(bodyBytes, 0x61);
  }

  next(): MessageToStore {
    const n = this.n++;
    const slot = n % (TOPICS * QUEUES_PER_TOPIC);
    return {
      topic: this.topics[slot % TOPICS] as string,
      queueId: Math.floor(slot / TOPICS),
      flag: 0,
      body: this.body,
      properties: { UNIQ_KEY: this.prefix + n.toString(16).padStart(8, '0'), WAIT: 'true', TAGS: 'TagA' },
      sysFlag: 0,
      bornTimestamp: Date.now(),
      bornHost: { host: '127.0.0.1', port: 50000 },
      storeHost: { host: '127.0.0.1', port: 10911 },
      reconsumeTimes: 0,
      preparedTransactionOffset: 0,
    };
  }
}

/** Bytes one MessageSource message of `bodyBytes` takes in the commit log. */
export function recordBytes(bodyBytes: number): number {
  const message = new MessageSource(bodyBytes).next();
  return messageRecordSize(0, bodyBytes, Buffer.byteLength(message.topic), encodePropertiesBytes(message.properties).length);
}

export function benchStoreConfig(dir: string, segmentBytes: number, overrides: Partial<MessageStoreConfig> = {}): Partial<MessageStoreConfig> {
  return { storePathRootDir: dir, mappedFileSizeCommitLog: segmentBytes, ...overrides };
}

/** Runs `workers` loops, each putting and waiting for its put, while `keepGoing()` holds. */
export async function putLoops(workers: number, keepGoing: () => boolean, put: () => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (keepGoing()) await put();
    }),
  );
}

// --- options and disk space -----------------------------------------------------------------

function parseOptions(argv: string[]): { options: Options; base: string } {
  const args = parseArgs(argv);
  const only = args.get('only');
  const parts = new Set<Part>();
  for (const name of only === undefined ? PARTS : only.split(',')) {
    if (!(PARTS as readonly string[]).includes(name)) throw new Error(`--only takes ${PARTS.join('|')}, got "${name}"`);
    parts.add(name as Part);
  }
  const options: Options = {
    parts,
    seconds: numberArg(args, 'seconds', 10),
    rawBytes: roundTo(numberArg(args, 'raw-bytes', 4 * GiB), MiB),
    segmentBytes: numberArg(args, 'segment', GiB),
    bodyBytes: numberArg(args, 'body', 1024),
    inFlight: numberArg(args, 'in-flight', 512),
    producers: numberArg(args, 'producers', 64),
    recoveryBytes: numberArg(args, 'recovery-bytes', GiB),
    messages: numberArg(args, 'messages', 10_000_000),
    heapBodyBytes: numberArg(args, 'heap-body', 100),
    appendBytes: 16 * GiB,
  };
  return { options, base: resolve(args.get('dir') ?? 'data/bench-store') };
}

/**
 * Scales each selected part to the space it may use: free space less 2 GiB, and never past
 * 75 % of the disk (where the store's clean-up would start deleting files). The store
 * parts keep STORE_SLACK_BYTES for index files and consume queues.
 */
function fitToDisk(base: string, options: Options): void {
  const stats = statfsSync(base);
  const free = stats.bavail * stats.bsize;
  const total = stats.blocks * stats.bsize;
  const used = total - stats.bfree * stats.bsize;
  const budget = Math.max(0, Math.min(free - 2 * GiB, 0.75 * total - used));
  console.log(`disk: ${fmtBytes(free)} free of ${fmtBytes(total)} at ${base}; this run may use ${fmtBytes(budget)}`);
  fitRaw(budget, options);
  fitStoreParts(Math.max(0, budget - STORE_SLACK_BYTES), options);
}

function fitRaw(budget: number, options: Options): void {
  if (!options.parts.has('raw')) return;
  if (budget < MiB) skip('raw', options);
  else options.rawBytes = scaled('--raw-bytes', options.rawBytes, budget);
}

function fitStoreParts(storeBudget: number, options: Options): void {
  if (storeBudget < MIN_STORE_BUDGET_BYTES) {
    for (const part of ['async', 'sync', 'recovery', 'heap'] as const) skip(part, options);
    return;
  }
  options.appendBytes = Math.min(options.appendBytes, storeBudget);
  if (options.parts.has('recovery')) options.recoveryBytes = scaled('--recovery-bytes', options.recoveryBytes, storeBudget * 0.9);
  const heapRecord = recordBytes(options.heapBodyBytes);
  if (options.parts.has('heap') && options.messages * heapRecord > storeBudget) {
    const messages = Math.max(100_000, Math.floor(storeBudget / heapRecord / 100_000) * 100_000);
    console.log(`disk too small for --messages ${options.messages} (${fmtBytes(options.messages * heapRecord)} of log): scaled down to ${messages}`);
    options.messages = messages;
  }
}

function scaled(name: string, wanted: number, room: number): number {
  if (wanted <= room) return wanted;
  const bytes = Math.max(MiB, roundTo(room, MiB));
  console.log(`disk too small for ${name} ${fmtBytes(wanted)}: scaled down to ${fmtBytes(bytes)}`);
  return bytes;
}

function skip(part: Part, options: Options): void {
  if (options.parts.delete(part)) console.log(`disk too small for the ${part} part: skipped`);
}

// --- raw disk ---------------------------------------------------------------------------

/** 1 MiB positioned writes into a fresh file created at full size (as the store's segments are), then fdatasync. */
async function runRaw(dir: string, options: Options): Promise<number> {
  const path = join(dir, 'raw-bandwidth');
  const chunk = Buffer.alloc(MiB, 0x61);
  const handle = await open(path, 'w+');
  try {
    await handle.truncate(options.rawBytes);
    const meter = new Meter(`raw: ${fmtBytes(options.rawBytes)} in 1 MiB positioned writes, then fdatasync`, 'MiB');
    meter.startProgress();
    for (let position = 0; position < options.rawBytes; position += MiB) {
      await handle.write(chunk, 0, MiB, position);
      meter.add(1);
    }
    await handle.datasync();
    const summary = meter.stop();
    printSummary(summary);
    console.log(`RESULT raw sequential write: ${fmtMB(summary.perSecond * MiB)} (fdatasync included)`);
    return summary.perSecond * MiB;
  } finally {
    await handle.close();
    await removeAndSettle(path, dir);
  }
}

/** 64 KiB written then fdatasynced, one after another, into a fresh file, for up to `seconds`. */
async function runRawFsyncs(dir: string, options: Options): Promise<void> {
  const path = join(dir, 'raw-fsyncs');
  const chunk = Buffer.alloc(64 * 1024, 0x62);
  const handle = await open(path, 'w+');
  try {
    await handle.truncate(options.rawBytes);
    const meter = new Meter('raw: 64 KiB positioned write + fdatasync', 'fsyncs');
    meter.startProgress();
    const deadline = Date.now() + options.seconds * 1000;
    for (let position = 0; position + chunk.length <= options.rawBytes && Date.now() < deadline; position += chunk.length) {
      const started = process.hrtime.bigint();
      await handle.write(chunk, 0, chunk.length, position);
      await handle.datasync();
      meter.record(Number(process.hrtime.bigint() - started));
    }
    const summary = meter.stop();
    printSummary(summary);
    console.log(`RESULT raw fdatasync every 64 KiB: ${Math.round(summary.perSecond)} fsyncs/s (${fmtMB(summary.perSecond * 64 * 1024)})`);
  } finally {
    await handle.close();
    await removeAndSettle(path, dir);
  }
}

// --- ASYNC_FLUSH and SYNC_FLUSH appends ------------------------------------------------------

interface AppendRun {
  label: string;
  flushDiskType: 'ASYNC_FLUSH' | 'SYNC_FLUSH';
  workers: number;
}

interface AppendResult {
  summary: Summary;
  /** Messages/s and bytes/s until the last put was answered. */
  appendPerSecond: number;
  appendBytesPerSecond: number;
  /** The same, counted up to the end of the final flush (shutdown). */
  durablePerSecond: number;
  durableBytesPerSecond: number;
}

async function runAppends(dir: string, options: Options, spec: AppendRun): Promise<AppendResult> {
  const storeDir = join(dir, spec.flushDiskType.toLowerCase());
  const store = new FileMessageStore(benchStoreConfig(storeDir, options.segmentBytes, { flushDiskType: spec.flushDiskType }));
  await store.start();
  try {
    const source = new MessageSource(options.bodyBytes);
    const meter = new Meter(spec.label, 'msgs');
    const deadline = Date.now() + options.seconds * 1000;
    const keepGoing = (): boolean => Date.now() < deadline && store.stats().commitLogMaxOffset < options.appendBytes;
    const started = process.hrtime.bigint();
    meter.startProgress();
    await putLoops(spec.workers, keepGoing, async () => {
      // performance.now() rather than hrtime.bigint(): no BigInt per put in the producers' loop.
      const putStarted = performance.now();
      const result = await store.putMessage(source.next());
      if (result.status === 'PUT_OK') meter.record((performance.now() - putStarted) * 1e6);
      else meter.fail();
    });
    const summary = meter.stop();
    const appendSeconds = secondsSince(started);
    const bytes = store.stats().commitLogMaxOffset;
    await store.shutdown();
    const durableSeconds = secondsSince(started);
    printSummary(summary);
    const result: AppendResult = {
      summary,
      appendPerSecond: summary.count / appendSeconds,
      appendBytesPerSecond: bytes / appendSeconds,
      durablePerSecond: summary.count / durableSeconds,
      durableBytesPerSecond: bytes / durableSeconds,
    };
    console.log(
      `RESULT ${spec.label}: ${Math.round(result.appendPerSecond)} msgs/s, ${fmtMB(result.appendBytesPerSecond)} of commit log; ` +
        `up to the end of the final flush ${Math.round(result.durablePerSecond)} msgs/s, ${fmtMB(result.durableBytesPerSecond)} ` +
        `(${fmtBytes(bytes)} in ${durableSeconds.toFixed(1)} s)`,
    );
    return result;
  } finally {
    await store.shutdown();
    await removeAndSettle(storeDir, dir);
  }
}

async function runAsync(dir: string, options: Options, rawBytesPerSecond: number | null): Promise<void> {
  const size = recordBytes(options.bodyBytes);
  const label = `ASYNC_FLUSH ${options.bodyBytes} B bodies (${size} B records), ${options.inFlight} puts in flight, ${TOPICS * QUEUES_PER_TOPIC} queues`;
  const result = await runAppends(dir, options, { label, flushDiskType: 'ASYNC_FLUSH', workers: options.inFlight });
  if (rawBytesPerSecond === null) return;
  const target = ASYNC_TARGET_SHARE * rawBytesPerSecond;
  console.log(
    `TARGET async ≥ 70 % of raw (${fmtMB(target)}): ${fmtMB(result.durableBytesPerSecond)} with the final flush = ` +
      `${((100 * result.durableBytesPerSecond) / rawBytesPerSecond).toFixed(0)} % of raw — ${verdict(result.durableBytesPerSecond, target)}`,
  );
}

async function runSync(dir: string, options: Options): Promise<void> {
  const label = `SYNC_FLUSH ${options.bodyBytes} B bodies, ${options.producers} producers`;
  const result = await runAppends(dir, options, { label, flushDiskType: 'SYNC_FLUSH', workers: options.producers });
  const { p50Ms, p99Ms } = result.summary;
  console.log(
    `TARGET sync ≥ ${SYNC_TARGET_PER_SECOND} msgs/s: ${Math.round(result.appendPerSecond)} msgs/s ` +
      `(p50 ${p50Ms.toFixed(3)} ms, p99 ${p99Ms.toFixed(3)} ms) — ${verdict(result.appendPerSecond, SYNC_TARGET_PER_SECOND)}`,
  );
}

// --- recovery -------------------------------------------------------------------------------

interface StartLog {
  lastExitOK?: boolean;
  from?: number;
  end?: number;
  records?: number;
}

/** Opens the store, timing `start()`; the store's own log line says where recovery scanned. */
async function timedStart(config: Partial<MessageStoreConfig>): Promise<{ store: FileMessageStore; seconds: number; log: StartLog }> {
  let log: StartLog = {};
  const logger = pino(
    { level: 'info' },
    {
      write: (line: string) => {
        const entry = JSON.parse(line) as StartLog & { msg?: string };
        if (entry.msg?.startsWith('store ')) log = entry;
      },
    },
  );
  const store = new FileMessageStore(config, { logger });
  const started = process.hrtime.bigint();
  await store.start();
  return { store, seconds: secondsSince(started), log };
}

async function runRecovery(dir: string, options: Options): Promise<void> {
  const storeDir = join(dir, 'recovery');
  const config = benchStoreConfig(storeDir, options.segmentBytes);
  try {
    const written = await writeAndKill(storeDir, options);
    console.log(`child killed with SIGKILL once ${fmtBytes(written)} of log were in the files (it was still appending)`);
    const crashed = await timedStart(config);
    await crashed.store.shutdown();
    reportStart('abnormal recovery (after SIGKILL)', crashed.seconds, crashed.log);
    const clean = await timedStart(config);
    await clean.store.shutdown();
    reportStart('clean reopen', clean.seconds, clean.log);
  } finally {
    await removeAndSettle(storeDir, dir);
  }
}

function reportStart(label: string, seconds: number, log: StartLog): void {
  const scanned = (log.end ?? 0) - (log.from ?? 0);
  const perGiB = scanned > 0 ? `${(seconds / (scanned / GiB)).toFixed(2)} s per GiB scanned` : 'nothing scanned';
  console.log(
    `RESULT ${label}: start() took ${seconds.toFixed(2)} s; scanned ${fmtBytes(scanned)} ` +
      `(${log.records ?? 0} records, from offset ${log.from ?? 0}): ${perGiB}`,
  );
}

/** A child appends until the log holds recoveryBytes and is killed (SIGKILL) while still appending. */
async function writeAndKill(storeDir: string, options: Options): Promise<number> {
  const child = fork(childScript, ['write', storeDir, String(options.recoveryBytes), String(options.segmentBytes), String(options.bodyBytes)], {
    execArgv: ['--import', 'tsx'],
  });
  const meter = new Meter(`recovery: child appending ${fmtBytes(options.recoveryBytes)}`, 'msgs');
  meter.startProgress();
  try {
    return await new Promise<number>((resolvePromise, reject) => {
      child.on('message', (report: ChildReport) => {
        if (report.kind === 'progress') meter.add(report.count);
        if (report.kind !== 'written') return;
        child.kill('SIGKILL');
        resolvePromise(report.bytes);
      });
      child.once('exit', (code, signal) => {
        if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself (${code})`));
      });
    });
  } finally {
    printSummary(meter.stop());
    if (child.exitCode === null && child.signalCode === null) await new Promise((done) => child.once('exit', done));
  }
}

// --- heap -----------------------------------------------------------------------------------

async function runHeap(dir: string, options: Options): Promise<void> {
  const storeDir = join(dir, 'heap');
  const args = ['heap', storeDir, String(options.messages), String(options.segmentBytes), String(options.heapBodyBytes)];
  const child = fork(childScript, args, { execArgv: ['--expose-gc', '--import', 'tsx'] });
  const meter = new Meter(`heap: child storing ${options.messages} messages of ${options.heapBodyBytes} B`, 'msgs');
  const samples: Extract<ChildReport, { kind: 'memory' }>[] = [];
  meter.startProgress();
  try {
    await new Promise<void>((resolvePromise, reject) => {
      child.on('message', (report: ChildReport) => {
        if (report.kind === 'progress') meter.add(report.count);
        if (report.kind === 'memory') {
          samples.push(report);
          console.log(`MEMORY after ${report.messages} messages and a full GC: ${memoryLine(report)}`);
        }
      });
      child.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`heap child exited with ${code}`))));
    });
  } finally {
    printSummary(meter.stop());
    if (child.exitCode === null) child.kill('SIGKILL');
    await removeAndSettle(storeDir, dir);
  }
  reportHeapGrowth(samples);
}

function memoryLine(sample: { heapUsed: number; heapTotal: number; rss: number; external: number }): string {
  return `heapUsed ${fmtBytes(sample.heapUsed)} (heapTotal ${fmtBytes(sample.heapTotal)}), rss ${fmtBytes(sample.rss)}, external ${fmtBytes(sample.external)}`;
}

function reportHeapGrowth(samples: readonly { messages: number; heapUsed: number; rss: number }[]): void {
  const first = samples[0];
  const last = samples[samples.length - 1];
  if (!first || !last || first === last) return;
  const perMillion = ((last.heapUsed - first.heapUsed) / (last.messages - first.messages)) * 1e6;
  const rss = samples.map((sample) => sample.rss);
  console.log(
    `RESULT heap: heapUsed ${fmtBytes(first.heapUsed)} at ${first.messages} messages, ${fmtBytes(last.heapUsed)} at ${last.messages} ` +
      `(${(perMillion / 1024).toFixed(1)} KiB per million messages); rss between ${fmtBytes(Math.min(...rss))} and ${fmtBytes(Math.max(...rss))}`,
  );
}

// --- entry ----------------------------------------------------------------------------------

export async function run(argv: string[]): Promise<void> {
  const { options, base } = parseOptions(argv);
  mkdirSync(base, { recursive: true });
  const dir = mkdtempSync(join(base, 'run-'));
  const cleanUp = (): void => rmSync(dir, { recursive: true, force: true });
  const onInterrupt = (): void => {
    cleanUp();
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  try {
    fitToDisk(base, options);
    let raw: number | null = null;
    if (options.parts.has('raw')) {
      raw = await runRaw(dir, options);
      await runRawFsyncs(dir, options);
    }
    if (options.parts.has('async')) await runAsync(dir, options, raw);
    if (options.parts.has('sync')) await runSync(dir, options);
    if (options.parts.has('recovery')) await runRecovery(dir, options);
    if (options.parts.has('heap')) await runHeap(dir, options);
  } finally {
    process.off('SIGINT', onInterrupt);
    cleanUp();
  }
}

// --- helpers ------------------------------------------------------------------------------

/**
 * Deletes `path` and fsyncs `parent`, so that the journal commit of the deletion (with the
 * `discard` mount option, the trim of every freed block) is paid here and not by the next
 * measurement.
 */
async function removeAndSettle(path: string, parent: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
  const handle = await open(parent, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function roundTo(value: number, unit: number): number {
  return Math.floor(value / unit) * unit;
}

function verdict(value: number, target: number): string {
  const percent = ((value / target - 1) * 100).toFixed(0);
  return value >= target ? `met (+${percent} %)` : `MISSED (${percent} %)`;
}

function fmtMB(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1e6).toFixed(1)} MB/s`;
}

export function fmtBytes(bytes: number): string {
  return bytes >= GiB ? `${(bytes / GiB).toFixed(2)} GiB` : `${(bytes / MiB).toFixed(1)} MiB`;
}
