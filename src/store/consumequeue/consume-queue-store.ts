/**
 * ConsumeQueueStore: every consume queue of a store, `consumequeue/<topic>/<queueId>/`
 * (RocketMQ's consumeQueueTable with loadConsumeQueue, recoverConsumeQueue, the flush and
 * clean services' loops, and cleanUnusedTopic).
 *
 * Loading opens every queue directory found on disk: a directory whose name is not a
 * canonical queue id (decimal, no sign or leading zero) is skipped, as Java skips names that
 * do not parse. A queue that fails to load (STORE_CORRUPT, STORE_IO) does not stop the
 * others: it is reported, left out of the table, and `findOrCreate` for it throws its error,
 * so nothing is ever written over a queue that could not be read. Memory: one ConsumeQueue
 * per queue (each with its bounded buffer); bulk operations run at most `concurrency`
 * queues at a time.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RocketMQError } from '../../common/errors.js';
import { silentLogger, type Logger } from '../../common/log.js';
import type { FileHandleCache } from '../file-handle-cache.js';
import { StorePaths, type MessageStoreConfig } from '../store-config.js';
import { errnoOf, ioError, removeEmptyDirectory } from './cq-files.js';
import { ConsumeQueue } from './consume-queue.js';

export interface ConsumeQueueStoreOptions {
  /** Uses storePathRootDir and mappedFileSizeConsumeQueue. */
  readonly config: MessageStoreConfig;
  readonly handles: FileHandleCache;
  readonly logger?: Logger;
  /** Bytes each queue buffers before writing (default 64 KiB). */
  readonly writeBufferBytes?: number;
  /** Queues loaded, flushed or cleaned at the same time (default 16). */
  readonly concurrency?: number;
}

export interface QueueLoadFailure {
  readonly topic: string;
  /** null when the topic's directory itself could not be read. */
  readonly queueId: number | null;
  readonly error: RocketMQError;
}

export interface ConsumeQueueLoadReport {
  readonly loaded: number;
  readonly repairs: readonly string[];
  readonly failed: readonly QueueLoadFailure[];
}

const QUEUE_ID = /^(0|[1-9]\d{0,9})$/;
const MAX_QUEUE_ID = 0x7fffffff;

export class ConsumeQueueStore implements Iterable<ConsumeQueue> {
  private readonly table = new Map<string, Map<number, ConsumeQueue>>();
  private readonly broken = new Map<string, RocketMQError>();
  private readonly logger: Logger;
  private readonly concurrency: number;

  constructor(private readonly options: ConsumeQueueStoreOptions) {
    this.logger = options.logger ?? silentLogger;
    this.concurrency = Math.max(1, options.concurrency ?? 16);
  }

  get root(): string {
    return StorePaths.consumeQueueRoot(this.options.config);
  }

  /** Opens every queue under `consumequeue/`. Throws STORE_IO only when the root itself cannot be listed. */
  async load(): Promise<ConsumeQueueLoadReport> {
    const failed: QueueLoadFailure[] = [];
    const found: ConsumeQueue[] = [];
    for (const topic of await listDirectories(this.root)) {
      try {
        for (const queueId of await this.queueIdsOf(topic)) found.push(this.create(topic, queueId));
      } catch (error) {
        this.markBroken(topic, null, asStoreError(error, topic), failed);
      }
    }
    const repairs: string[] = [];
    await runLimited(found, this.concurrency, async (queue) => {
      try {
        repairs.push(...(await queue.load()));
        this.register(queue);
      } catch (error) {
        this.markBroken(queue.topic, queue.queueId, asStoreError(error, queue.layout.dir), failed);
      }
    });
    return { loaded: found.length - failed.filter((f) => f.queueId !== null).length, repairs, failed };
  }

  find(topic: string, queueId: number): ConsumeQueue | undefined {
    return this.table.get(topic)?.get(queueId);
  }

  /** The queue, created (empty, no file yet) when it does not exist; throws the load error of a broken queue. */
  findOrCreate(topic: string, queueId: number): ConsumeQueue {
    const existing = this.find(topic, queueId);
    if (existing !== undefined) return existing;
    const error = this.broken.get(brokenKey(topic, queueId)) ?? this.broken.get(brokenKey(topic, null));
    if (error !== undefined) throw error;
    const queue = this.create(topic, queueId);
    this.register(queue);
    return queue;
  }

  queuesOf(topic: string): ConsumeQueue[] {
    return [...(this.table.get(topic)?.values() ?? [])];
  }

  topics(): string[] {
    return [...this.table.keys()];
  }

  *[Symbol.iterator](): Iterator<ConsumeQueue> {
    for (const queues of this.table.values()) yield* queues.values();
  }

  /** Number of queues in the table. */
  get queueCount(): number {
    let count = 0;
    for (const queues of this.table.values()) count += queues.size;
    return count;
  }

  /** Messages readable in all queues together (sum of max - min). */
  totalMessageCount(): number {
    let total = 0;
    for (const queue of this) total += queue.messageCount;
    return total;
  }

  /** The largest maxPhysicOffset of any queue, or -1 (where the commit log's recovery may start checking). */
  maxPhysicOffset(): number {
    let max = -1;
    for (const queue of this) max = Math.max(max, queue.maxPhysicOffset);
    return max;
  }

  /** flush(leastPages) on every queue; returns how many flushed. */
  async flushAll(leastPages = 0): Promise<number> {
    let flushed = 0;
    await runLimited([...this], this.concurrency, async (queue) => {
      if (await queue.flush(leastPages)) flushed++;
    });
    return flushed;
  }

  async truncateDirtyLogicFiles(commitLogEnd: number): Promise<void> {
    await runLimited([...this], this.concurrency, (queue) => queue.truncateDirtyLogicFiles(commitLogEnd));
  }

  /** deleteExpiredFiles on every queue; returns how many files were deleted. */
  async deleteExpiredFiles(minCommitLogOffset: number): Promise<number> {
    let deleted = 0;
    await runLimited([...this], this.concurrency, async (queue) => {
      deleted += await queue.deleteExpiredFiles(minCommitLogOffset);
    });
    return deleted;
  }

  async correctMinOffset(minCommitLogOffset: number): Promise<void> {
    await runLimited([...this], this.concurrency, (queue) => queue.correctMinOffset(minCommitLogOffset));
  }

  /** Destroys one queue and forgets it (Java's cleanExpiredConsumerQueue for one queue). */
  async deleteQueue(topic: string, queueId: number): Promise<boolean> {
    const queues = this.table.get(topic);
    const queue = queues?.get(queueId);
    if (queues === undefined || queue === undefined) return false;
    queues.delete(queueId);
    if (queues.size === 0) this.table.delete(topic);
    await queue.destroy();
    await removeEmptyDirectory(join(this.root, topic));
    return true;
  }

  /** Destroys every queue of `topic` and removes its directory; returns how many queues were destroyed. */
  async deleteTopic(topic: string): Promise<number> {
    const queues = this.queuesOf(topic);
    this.table.delete(topic);
    for (const key of [...this.broken.keys()]) if (key.startsWith(`${topic}\u0000`)) this.broken.delete(key);
    await runLimited(queues, this.concurrency, (queue) => queue.destroy());
    await removeEmptyDirectory(join(this.root, topic));
    return queues.length;
  }

  /** Flushes and closes every queue. */
  async close(): Promise<void> {
    await runLimited([...this], this.concurrency, (queue) => queue.close());
  }

  private create(topic: string, queueId: number): ConsumeQueue {
    const { config, handles, writeBufferBytes } = this.options;
    return new ConsumeQueue({
      topic,
      queueId,
      dir: StorePaths.consumeQueue(config, topic, queueId),
      mappedFileSizeConsumeQueue: config.mappedFileSizeConsumeQueue,
      handles,
      logger: this.logger,
      ...(writeBufferBytes === undefined ? {} : { writeBufferBytes }),
    });
  }

  private register(queue: ConsumeQueue): void {
    let queues = this.table.get(queue.topic);
    if (queues === undefined) {
      queues = new Map();
      this.table.set(queue.topic, queues);
    }
    queues.set(queue.queueId, queue);
  }

  private markBroken(topic: string, queueId: number | null, error: RocketMQError, failed: QueueLoadFailure[]): void {
    this.broken.set(brokenKey(topic, queueId), error);
    failed.push({ topic, queueId, error });
    this.logger.error({ topic, queueId, err: error }, 'consume queue could not be loaded');
  }

  private async queueIdsOf(topic: string): Promise<number[]> {
    const names = await listDirectories(join(this.root, topic));
    return names.filter((name) => QUEUE_ID.test(name) && Number(name) <= MAX_QUEUE_ID).map(Number);
  }
}

function brokenKey(topic: string, queueId: number | null): string {
  return `${topic}\u0000${queueId ?? '*'}`;
}

/** Names of the subdirectories of `dir`; [] when it does not exist. */
async function listDirectories(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return [];
    throw ioError('list', dir, error);
  }
}

function asStoreError(error: unknown, path: string): RocketMQError {
  return error instanceof RocketMQError ? error : ioError('load', path, error);
}

/** Runs `work` on every item, at most `limit` at a time; rethrows the first failure after all settle. */
async function runLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== null) throw (failure as { error: unknown }).error;
}
