/**
 * MessageStoreConfig: the store's settings under RocketMQ's own broker.conf names, with
 * RocketMQ 4.9.8's defaults, and the layout of a store directory:
 *
 *   <storePathRootDir>/
 *     commitlog/<20-digit start offset>          (or storePathCommitLog)
 *     consumequeue/<topic>/<queueId>/<20-digit start byte offset>
 *     index/<yyyyMMddHHmmssSSS>
 *     checkpoint   abort   lock
 */
import { join } from 'node:path';

export type FlushDiskType = 'ASYNC_FLUSH' | 'SYNC_FLUSH';

/** Bytes of one consume-queue unit: commit-log offset (8), size (4), tag hash code (8). */
export const CQ_STORE_UNIT_SIZE = 20;

export interface MessageStoreConfig {
  storePathRootDir: string;
  /** Where the commit log lives; `<storePathRootDir>/commitlog` when empty. */
  storePathCommitLog: string;
  mappedFileSizeCommitLog: number;
  mappedFileSizeConsumeQueue: number;
  flushDiskType: FlushDiskType;
  /** ASYNC_FLUSH: ms between flushes of the commit log. */
  flushIntervalCommitLog: number;
  /** ASYNC_FLUSH: 4 KiB pages that must be dirty before a timed flush writes them. */
  flushCommitLogLeastPages: number;
  /** ASYNC_FLUSH: a flush of everything happens at least this often, whatever the page count. */
  flushCommitLogThoroughInterval: number;
  flushIntervalConsumeQueue: number;
  flushConsumeQueueLeastPages: number;
  flushConsumeQueueThoroughInterval: number;
  /** SYNC_FLUSH: ms a put waits for its flush before answering FLUSH_DISK_TIMEOUT. */
  syncFlushTimeout: number;
  /** Hours a commit-log file is kept after its last write. */
  fileReservedTime: number;
  /** Hours of the day (`04`, or `04;16`) when expired files are deleted. */
  deleteWhen: string;
  /** Disk usage (percent) past which files are deleted at once, whatever their age. */
  diskMaxUsedSpaceRatio: number;
  cleanResourceInterval: number;
  maxMessageSize: number;
  checkCRCOnRecover: boolean;
  messageIndexEnable: boolean;
  maxHashSlotNum: number;
  maxIndexNum: number;
  defaultQueryMaxNum: number;
  maxTransferBytesOnMessageInMemory: number;
  maxTransferCountOnMessageInMemory: number;
  maxTransferBytesOnMessageInDisk: number;
  maxTransferCountOnMessageInDisk: number;
  /** Share of RAM (percent) behind the log's end past which reads count as "from disk". */
  accessMessageInMemoryMaxRatio: number;
  messageDelayLevel: string;
  /** Bytes of recent commit log kept in memory for readers (the read cache); bounded. */
  commitLogReadCacheBytes: number;
}

export const defaultMessageStoreConfig: Readonly<MessageStoreConfig> = {
  storePathRootDir: 'store',
  storePathCommitLog: '',
  mappedFileSizeCommitLog: 1024 * 1024 * 1024,
  mappedFileSizeConsumeQueue: 300_000 * CQ_STORE_UNIT_SIZE,
  flushDiskType: 'ASYNC_FLUSH',
  flushIntervalCommitLog: 500,
  flushCommitLogLeastPages: 4,
  flushCommitLogThoroughInterval: 10_000,
  flushIntervalConsumeQueue: 1000,
  flushConsumeQueueLeastPages: 2,
  flushConsumeQueueThoroughInterval: 60_000,
  syncFlushTimeout: 5000,
  fileReservedTime: 72,
  deleteWhen: '04',
  diskMaxUsedSpaceRatio: 75,
  cleanResourceInterval: 10_000,
  maxMessageSize: 4 * 1024 * 1024,
  checkCRCOnRecover: true,
  messageIndexEnable: true,
  maxHashSlotNum: 5_000_000,
  maxIndexNum: 5_000_000 * 4,
  defaultQueryMaxNum: 32,
  maxTransferBytesOnMessageInMemory: 256 * 1024,
  maxTransferCountOnMessageInMemory: 32,
  maxTransferBytesOnMessageInDisk: 64 * 1024,
  maxTransferCountOnMessageInDisk: 8,
  accessMessageInMemoryMaxRatio: 40,
  messageDelayLevel: '1s 5s 10s 30s 1m 2m 3m 4m 5m 6m 7m 8m 9m 10m 20m 30m 1h 2h',
  commitLogReadCacheBytes: 64 * 1024 * 1024,
};

export function messageStoreConfig(overrides: Partial<MessageStoreConfig> = {}): MessageStoreConfig {
  return { ...defaultMessageStoreConfig, ...overrides };
}

export const StorePaths = {
  commitLog: (config: MessageStoreConfig): string =>
    config.storePathCommitLog !== '' ? config.storePathCommitLog : join(config.storePathRootDir, 'commitlog'),
  consumeQueueRoot: (config: MessageStoreConfig): string => join(config.storePathRootDir, 'consumequeue'),
  consumeQueue: (config: MessageStoreConfig, topic: string, queueId: number): string =>
    join(config.storePathRootDir, 'consumequeue', topic, String(queueId)),
  index: (config: MessageStoreConfig): string => join(config.storePathRootDir, 'index'),
  checkpoint: (config: MessageStoreConfig): string => join(config.storePathRootDir, 'checkpoint'),
  abort: (config: MessageStoreConfig): string => join(config.storePathRootDir, 'abort'),
  lock: (config: MessageStoreConfig): string => join(config.storePathRootDir, 'lock'),
};
