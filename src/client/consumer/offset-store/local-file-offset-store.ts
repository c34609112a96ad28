/**
 * LocalFileOffsetStore: offsets of a BROADCASTING consumer, kept by each client in
 * `<dir>/<clientId>/<group>/offsets.json` (dir: `~/.rocketmq_offsets` by default, as the
 * Java client's `rocketmq.client.localOffsetStoreDir`). Writes go through a temporary file
 * with the previous file kept as `offsets.json.bak` (RocketMQ's MixAll.string2File), so a
 * crash leaves the old or the new offsets; reads fall back to the backup.
 *
 * Persisting merges into what the file holds: offsets of queues this client no longer
 * holds stay in the file.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AtomicFileWriter, readFileOrBackup } from '../../../common/atomic-file.js';
import { messageQueueFromKey, messageQueueKey, type MessageQueue, type MessageQueueKey } from '../../../protocol/bodies/message-queue.js';
import { MQClientError } from '../../errors.js';
import { decodeOffsetsFile, encodeOffsetsFile } from './offsets-file.js';
import type { OffsetStore, ReadOffsetType } from './offset-store.js';
import { OffsetTable } from './offset-table.js';

export const DEFAULT_LOCAL_OFFSET_STORE_DIR = join(homedir(), '.rocketmq_offsets');

export interface LocalFileOffsetStoreOptions {
  clientId: string;
  group: string;
  /** Root directory; `~/.rocketmq_offsets` by default. */
  dir?: string;
}

export class LocalFileOffsetStore implements OffsetStore {
  readonly path: string;
  private readonly table = new OffsetTable();
  private readonly writer: AtomicFileWriter;

  constructor(options: LocalFileOffsetStoreOptions) {
    this.path = join(options.dir ?? DEFAULT_LOCAL_OFFSET_STORE_DIR, options.clientId, options.group, 'offsets.json');
    this.writer = new AtomicFileWriter(this.path);
  }

  async load(): Promise<void> {
    for (const [key, offset] of this.readFile()) this.table.update(messageQueueFromKey(key), offset, false);
  }

  updateOffset(mq: MessageQueue, offset: number, increaseOnly: boolean): void {
    this.table.update(mq, offset, increaseOnly);
  }

  readOffset(mq: MessageQueue, type: ReadOffsetType): Promise<number> {
    return this.table.read(mq, type, async () => {
      try {
        return this.readFile().get(messageQueueKey(mq)) ?? null;
      } catch {
        return null;
      }
    });
  }

  async persistAll(mqs: readonly MessageQueue[]): Promise<void> {
    if (mqs.length === 0) return;
    const wanted = new Set(mqs.map(messageQueueKey));
    const offsets = this.readFile();
    for (const { key, offset } of this.table.entries()) if (wanted.has(key)) offsets.set(key, offset);
    await this.writer.save(encodeOffsetsFile(offsets));
  }

  async persist(mq: MessageQueue): Promise<void> {
    if (this.table.get(mq) !== undefined) await this.persistAll([mq]);
  }

  removeOffset(mq: MessageQueue): void {
    this.table.remove(mq);
  }

  cloneOffsetTable(topic?: string): Map<MessageQueueKey, number> {
    return this.table.clone(topic);
  }

  private readFile(): Map<MessageQueueKey, number> {
    try {
      return readFileOrBackup(this.path, decodeOffsetsFile) ?? new Map();
    } catch (error) {
      throw new MQClientError('CLIENT_OFFSET_STORE', `cannot read the local offset store: ${(error as Error).message}`, { cause: error });
    }
  }
}

