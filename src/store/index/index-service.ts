/**
 * The message index: the `index/` directory of the store, a series of IndexFiles in
 * creation order (names sort by creation time), of which only the newest takes new keys.
 *
 * - Each dispatched record is indexed under `topic#UNIQ_KEY` and `topic#<token>` for each
 *   space-separated KEYS token, unless it is a rollback record or the newest file already
 *   reaches past it (its commit-log offset is below that file's end offset: it was indexed
 *   before a restart and is being re-dispatched by recovery).
 * - When the newest file is full it is flushed and closed (its memory freed), and a new
 *   file begins where it ended. The end timestamp of the newest full (hence flushed) file is
 *   what the checkpoint records as its index timestamp; after a crash, files that end after
 *   that timestamp are deleted on load so that recovery rebuilds them.
 * - Lookups go newest file first and stop at maxNum offsets (at most maxMsgsNumBatch) or at
 *   the first file that begins before the requested time range.
 * - Expired files (ending below the commit log's minimum offset) are deleted oldest first;
 *   the newest file is never deleted.
 * - `tryBuildIndex` indexes a record without awaiting when no file must be opened, rolled
 *   or flushed for it (the store's put path), and otherwise leaves it to `buildIndex`.
 *
 * Memory: one slot table (hashSlotNum·4 bytes) plus unflushed entries (bounded by the flush
 * threshold: once it is passed `tryBuildIndex` declines and `buildIndex` flushes before
 * returning) plus one snapshot of changed slot pages during a flush; older files cost only
 * their headers.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isRocketMQError, RocketMQError } from '../../common/errors.js';
import { silentLogger, type Logger } from '../../common/log.js';
import { TransactionType, transactionTypeOf } from '../../protocol/message/sys-flag.js';
import type { DispatchRequest } from '../dispatch-request.js';
import type { FileHandleCache } from '../file-handle-cache.js';
import { StorePaths, type MessageStoreConfig } from '../store-config.js';
import { IndexFile, type IndexFileOptions } from './index-file.js';
import { isIndexFileName, nextIndexFileName, type IndexTimeZone } from './index-file-name.js';
import { indexKey, keyTokens } from './index-key.js';
import { checkGeometry } from './index-layout.js';
import type { QueryOffsetResult } from './query-offset-result.js';

export interface IndexServiceOptions {
  /** Uses storePathRootDir, maxHashSlotNum, maxIndexNum and messageIndexEnable. */
  readonly config: MessageStoreConfig;
  readonly readers: FileHandleCache;
  /** Epoch ms now; names new files (default Date.now). */
  readonly clock?: () => number;
  /** Time zone of file names (default local, as the Java broker's). */
  readonly timeZone?: IndexTimeZone;
  /** Cap on offsets per lookup (RocketMQ `maxMsgsNumBatch`, 64). */
  readonly maxMsgsNumBatch?: number;
  readonly flushThresholdEntries?: number;
  readonly syncOnFlush?: boolean;
  readonly logger?: Logger;
}

export interface IndexLoadReport {
  /** Files now in use, oldest first. */
  readonly loaded: readonly string[];
  /** Files deleted because the last exit was abnormal and they end after the checkpoint. */
  readonly destroyed: readonly string[];
  /** Entries of the directory left alone: not index files, or damaged. */
  readonly skipped: ReadonlyArray<{ readonly name: string; readonly error: RocketMQError }>;
}

const DEFAULT_MAX_MSGS_NUM_BATCH = 64;
const NO_TOKENS: readonly string[] = [];

export class IndexService {
  private readonly directory: string;
  private readonly enabled: boolean;
  private readonly fileOptions: IndexFileOptions;
  private readonly clock: () => number;
  private readonly timeZone: IndexTimeZone;
  private readonly maxMsgsNumBatch: number;
  private readonly logger: Logger;
  private files: IndexFile[] = [];
  private lastName: string | undefined;
  private rolling: Promise<IndexFile> | null = null;
  private indexMsgTimestamp = 0;
  private loaded = false;
  private closed = false;

  constructor(options: IndexServiceOptions) {
    const { config } = options;
    this.directory = StorePaths.index(config);
    this.enabled = config.messageIndexEnable;
    checkGeometry({ hashSlotNum: config.maxHashSlotNum, indexNum: config.maxIndexNum });
    this.fileOptions = {
      geometry: { hashSlotNum: config.maxHashSlotNum, indexNum: config.maxIndexNum },
      readers: options.readers,
      ...(options.flushThresholdEntries === undefined ? {} : { flushThresholdEntries: options.flushThresholdEntries }),
      ...(options.syncOnFlush === undefined ? {} : { syncOnFlush: options.syncOnFlush }),
    };
    this.clock = options.clock ?? Date.now;
    this.timeZone = options.timeZone ?? 'local';
    this.maxMsgsNumBatch = options.maxMsgsNumBatch ?? DEFAULT_MAX_MSGS_NUM_BATCH;
    this.logger = options.logger ?? silentLogger;
  }

  /** The files in use, oldest first. */
  get indexFiles(): readonly IndexFile[] {
    return [...this.files];
  }

  /**
   * Opens the files of the directory. After an abnormal exit (`lastExitOK` false), files
   * whose end timestamp is after the checkpoint's index timestamp are deleted.
   */
  async load(lastExitOK: boolean, checkpointIndexTimestamp: number): Promise<IndexLoadReport> {
    if (this.loaded) throw new RocketMQError('INTERNAL', 'the index is already loaded');
    this.loaded = true;
    this.indexMsgTimestamp = checkpointIndexTimestamp;
    const loaded: string[] = [];
    const destroyed: string[] = [];
    const skipped: { name: string; error: RocketMQError }[] = [];
    for (const name of await this.listDirectory()) {
      if (isIndexFileName(name)) this.lastName = name;
      const file = await this.openQuietly(name, skipped);
      if (file === null) continue;
      if (!lastExitOK && file.endTimestamp > checkpointIndexTimestamp) {
        await file.destroy();
        destroyed.push(name);
        continue;
      }
      this.files.push(file);
      loaded.push(name);
    }
    return { loaded, destroyed, skipped };
  }

  /** Indexes one dispatched record (a no-op when messageIndexEnable is off). */
  async buildIndex(request: DispatchRequest): Promise<void> {
    if (!this.enabled) return;
    let file = await this.writableFile();
    if (request.commitLogOffset < file.endPhyOffset) return;
    if (transactionTypeOf(request.sysFlag) === TransactionType.ROLLBACK) return;
    if (request.uniqKey !== null) file = await this.putKey(file, indexKey(request.topic, request.uniqKey), request);
    for (const token of keyTokens(request.keys)) file = await this.putKey(file, indexKey(request.topic, token), request);
    if (file.needsFlush) await file.flushEntries();
  }

  /**
   * buildIndex done at once, for the common case that needs no I/O: the newest file is
   * open for writing, has room for every key of the record and is not due for a flush.
   * Returns false, having indexed nothing, when the caller must use buildIndex instead.
   */
  tryBuildIndex(request: DispatchRequest): boolean {
    if (!this.enabled) return true;
    const file = this.files[this.files.length - 1];
    if (this.closed || this.rolling !== null || file === undefined || !file.isWritable || file.isFull() || file.needsFlush) return false;
    if (request.commitLogOffset < file.endPhyOffset) return true;
    if (transactionTypeOf(request.sysFlag) === TransactionType.ROLLBACK) return true;
    const tokens = request.keys.length === 0 ? NO_TOKENS : keyTokens(request.keys);
    if (!file.hasRoomFor(tokens.length + (request.uniqKey === null ? 0 : 1))) return false;
    if (request.uniqKey !== null) file.putKey(indexKey(request.topic, request.uniqKey), request.commitLogOffset, request.storeTimestamp);
    for (const token of tokens) file.putKey(indexKey(request.topic, token), request.commitLogOffset, request.storeTimestamp);
    return true;
  }

  /** Commit-log offsets of records indexed under `topic#key` with store times in [begin, end]. */
  async queryOffset(topic: string, key: string, maxNum: number, begin: number, end: number): Promise<QueryOffsetResult> {
    const limit = Math.min(maxNum, this.maxMsgsNumBatch);
    const files = [...this.files];
    const newest = files[files.length - 1];
    const phyOffsets: number[] = [];
    const errors: RocketMQError[] = [];
    const fullKey = indexKey(topic, key);
    for (let index = files.length - 1; index >= 0; index--) {
      const file = files[index] as IndexFile;
      if (file.isTimeMatched(begin, end)) {
        const error = await file.selectPhyOffsets(fullKey, limit, begin, end, phyOffsets);
        if (error !== null) this.report('index lookup skipped part of a file', error, errors);
      }
      if (file.beginTimestamp < begin || phyOffsets.length >= limit) break;
    }
    return {
      phyOffsets,
      indexLastUpdateTimestamp: newest?.endTimestamp ?? 0,
      indexLastUpdatePhyoffset: newest?.endPhyOffset ?? 0,
      errors,
    };
  }

  /** Deletes files, oldest first, that end below `minCommitLogOffset`; never the newest. */
  async deleteExpiredFiles(minCommitLogOffset: number): Promise<string[]> {
    const deleted: string[] = [];
    while (this.files.length > 1) {
      const oldest = this.files[0] as IndexFile;
      if (oldest.endPhyOffset >= minCommitLogOffset) break;
      this.files.shift();
      try {
        await oldest.destroy();
      } catch (error) {
        this.files.unshift(oldest);
        this.report('an expired index file could not be deleted', asStoreError(error, oldest.path), []);
        break;
      }
      deleted.push(oldest.name);
    }
    return deleted;
  }

  /**
   * Writes the newest file's unwritten entries (its slot table waits until the file is full
   * or closed: see index-file.ts). Resolves to the timestamp the checkpoint should hold as
   * its index timestamp: the end of the newest full file (full files are flushed before the
   * next one starts), or the value given to `load` if none filled since.
   */
  async flush(): Promise<number> {
    if (this.rolling !== null) await this.rolling.catch(() => undefined);
    const newest = this.files[this.files.length - 1];
    if (newest?.isWritable) await newest.flushEntries();
    return this.indexMsgTimestamp;
  }

  /** Flushes and closes every file; the service cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.rolling !== null) await this.rolling.catch(() => undefined);
    this.closed = true;
    for (const file of this.files) {
      await file.close();
      this.fileOptions.readers.forget(file.path);
    }
    this.files = [];
  }

  private async listDirectory(): Promise<string[]> {
    try {
      return (await readdir(this.directory)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw asStoreError(error, this.directory);
    }
  }

  private async openQuietly(name: string, skipped: { name: string; error: RocketMQError }[]): Promise<IndexFile | null> {
    let error: RocketMQError;
    if (isIndexFileName(name)) {
      try {
        return await IndexFile.open(join(this.directory, name), this.fileOptions);
      } catch (caught) {
        error = asStoreError(caught, join(this.directory, name));
      }
    } else {
      error = new RocketMQError('STORE_CORRUPT', `${join(this.directory, name)} is not an index file (name is not yyyyMMddHHmmssSSS)`);
    }
    this.report('index file left out', error, []);
    skipped.push({ name, error });
    return null;
  }

  private writableFile(): IndexFile | Promise<IndexFile> {
    if (this.closed) throw new RocketMQError('SHUTTING_DOWN', 'the index is closed');
    const newest = this.files[this.files.length - 1];
    if (newest !== undefined && newest.isWritable && !newest.isFull()) return newest;
    this.rolling ??= this.prepareWritableFile().finally(() => {
      this.rolling = null;
    });
    return this.rolling;
  }

  /** Opens the newest file for writing, or closes it when full and starts the next. */
  private async prepareWritableFile(): Promise<IndexFile> {
    const newest = this.files[this.files.length - 1];
    if (newest !== undefined && !newest.isFull()) {
      await newest.openForWrite();
      return newest;
    }
    const start = { endPhyOffset: newest?.endPhyOffset ?? 0, endTimestamp: newest?.endTimestamp ?? 0 };
    if (newest !== undefined) {
      await newest.close();
      this.indexMsgTimestamp = newest.endTimestamp;
    }
    await mkdir(this.directory, { recursive: true }).catch((error: unknown) => {
      throw asStoreError(error, this.directory);
    });
    const name = nextIndexFileName(this.clock(), this.lastName, this.timeZone);
    const file = await IndexFile.create(join(this.directory, name), this.fileOptions, start);
    this.lastName = name;
    this.files.push(file);
    return file;
  }

  /** Puts `key` into `file`, moving to a new file when it is full; resolves to the file used. */
  private async putKey(file: IndexFile, key: string, request: DispatchRequest): Promise<IndexFile> {
    if (file.putKey(key, request.commitLogOffset, request.storeTimestamp)) return file;
    const next = await this.writableFile();
    if (!next.putKey(key, request.commitLogOffset, request.storeTimestamp)) {
      throw new RocketMQError('INTERNAL', `index file ${next.name} refused a key although it was just opened`);
    }
    return next;
  }

  private report(what: string, error: RocketMQError, into: RocketMQError[]): void {
    this.logger.error({ err: error, directory: this.directory }, what);
    into.push(error);
  }
}

function asStoreError(error: unknown, path: string): RocketMQError {
  if (isRocketMQError(error)) return error;
  return new RocketMQError('STORE_IO', `${path}: ${(error as Error).message}`, { cause: error });
}
