/**
 * The `checkpoint` file: 4096 bytes; big-endian int64 millisecond timestamps at 0
 * (physicMsgTimestamp: store time of the last record flushed in the commit log), 8
 * (logicsMsgTimestamp: of the last record flushed into the consume queues) and 16
 * (indexMsgTimestamp: end time of the last flushed index file); zeros after. Recovery after
 * a crash re-reads the commit log from the first file whose first record is older than the
 * smallest of these (less a 3 s margin), as RocketMQ does.
 *
 * The file is rewritten in place (one 4096-byte positioned write, then fdatasync), never
 * truncated first, so a process killed during a flush leaves the previous or the new
 * times, never an empty file. An empty file (killed between creating and first writing
 * it) reads as no checkpoint: all zeros, the most conservative recovery.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { RocketMQError } from '../common/errors.js';

export const CHECKPOINT_FILE_BYTES = 4096;

export interface CheckpointTimes {
  physicMsgTimestamp: number;
  logicsMsgTimestamp: number;
  indexMsgTimestamp: number;
}

/** RocketMQ's margin when choosing where abnormal recovery starts. */
const RECOVERY_MARGIN_MS = 3000;

export class Checkpoint {
  times: CheckpointTimes = { physicMsgTimestamp: 0, logicsMsgTimestamp: 0, indexMsgTimestamp: 0 };

  constructor(private readonly path: string) {}

  async load(): Promise<void> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new RocketMQError('STORE_IO', `cannot read checkpoint ${this.path}: ${(error as Error).message}`);
    }
    if (bytes.length === 0) return;
    if (bytes.length < 24) {
      throw new RocketMQError('STORE_CORRUPT', `checkpoint ${this.path} has ${bytes.length} bytes, expected ${CHECKPOINT_FILE_BYTES}`);
    }
    this.times = {
      physicMsgTimestamp: Number(bytes.readBigInt64BE(0)),
      logicsMsgTimestamp: Number(bytes.readBigInt64BE(8)),
      indexMsgTimestamp: Number(bytes.readBigInt64BE(16)),
    };
  }

  /** The store time before which every record is known to be in the derived files. */
  recoveryStartTimestamp(indexIncluded: boolean): number {
    const { physicMsgTimestamp, logicsMsgTimestamp, indexMsgTimestamp } = this.times;
    let min = Math.min(physicMsgTimestamp, logicsMsgTimestamp);
    if (indexIncluded) min = Math.min(min, indexMsgTimestamp);
    return Math.max(0, min - RECOVERY_MARGIN_MS);
  }

  async flush(): Promise<void> {
    const bytes = Buffer.alloc(CHECKPOINT_FILE_BYTES);
    bytes.writeBigInt64BE(BigInt(this.times.physicMsgTimestamp), 0);
    bytes.writeBigInt64BE(BigInt(this.times.logicsMsgTimestamp), 8);
    bytes.writeBigInt64BE(BigInt(this.times.indexMsgTimestamp), 16);
    const handle = await openForRewrite(this.path);
    try {
      await handle.write(bytes, 0, bytes.length, 0);
      await handle.datasync();
    } finally {
      await handle.close();
    }
  }
}

/** Opens the file for writing without truncating it; creates it when missing. */
async function openForRewrite(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return open(path, 'w+');
  }
}
