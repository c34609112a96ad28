/**
 * The stores written by Apache RocketMQ 4.9.8 (one stopped cleanly, one killed mid-write)
 * open with FileMessageStore, and every message their manifests list reads back with the
 * same queue offsets, commit-log offsets, offset message ids, properties and body bytes;
 * the crashed one recovers as its manifest describes.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMessageRecords, type MessageRecord } from '../../src/protocol/message/message-record.js';
import { createOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { decompressBody } from '../../src/protocol/message/compression.js';
import { FileMessageStore } from '../../src/store/file-message-store.js';
import {
  loadStoreManifest,
  STORE_FIXTURES,
  storeFixtureDir,
  type StoreManifestMessage as ManifestMessage,
} from '../support/store-fixtures.js';

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

for (const fixture of STORE_FIXTURES) {
  describe(`the Java-written store ${fixture}`, () => {
    const source = storeFixtureDir(fixture);
    const manifest = loadStoreManifest(fixture);
    let dir = '';
    let store: FileMessageStore;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), `rmq-${fixture}-`));
      cpSync(source, dir, { recursive: true });
      rmSync(join(dir, 'manifest.json'));
      store = new FileMessageStore({
        storePathRootDir: dir,
        mappedFileSizeCommitLog: 1048576,
        mappedFileSizeConsumeQueue: 6000,
        maxHashSlotNum: 1000,
        maxIndexNum: 4000,
      });
      await store.start();
    }, 60_000);

    afterAll(async () => {
      await store.shutdown();
      rmSync(dir, { recursive: true, force: true });
    });

    it('ends the commit log where the manifest says the valid data ends', () => {
      expect(store.stats().commitLogMaxOffset).toBe(manifest.commitlog.endOffset);
    });

    it('reports the min and max offset of every queue as the commit log holds them (and as the Java broker did)', () => {
      for (const queue of manifest.queues) {
        // brokerAfterReopen of the crashed store also counts what the reopened Java broker wrote itself.
        const expected = queue.brokerBeforeShutdown ?? { ...queue.brokerAfterReopen, maxOffset: queue.queueOffsetRangeInCommitLog[1] + 1 };
        expect([queue.topic, queue.queueId, store.getMinOffsetInQueue(queue.topic, queue.queueId), store.getMaxOffsetInQueue(queue.topic, queue.queueId)]).toEqual([
          queue.topic,
          queue.queueId,
          expected.minOffset,
          expected.maxOffset,
        ]);
      }
    });

    it('reads every message back through its queue with the same offsets, ids, properties and body', async () => {
      const byQueue = new Map<string, ManifestMessage[]>();
      for (const message of manifest.messages) {
        const key = `${message.topic}\u0000${message.queueId}`;
        byQueue.set(key, [...(byQueue.get(key) ?? []), message]);
      }
      let checked = 0;
      for (const messages of byQueue.values()) {
        const { topic, queueId } = messages[0] as ManifestMessage;
        const read: MessageRecord[] = [];
        let offset = store.getMinOffsetInQueue(topic, queueId);
        while (offset < store.getMaxOffsetInQueue(topic, queueId)) {
          const result = await store.getMessage(topic, queueId, offset, 32);
          read.push(...decodeMessageRecords(Buffer.concat(result.records)));
          offset = result.nextBeginOffset;
        }
        const inQueue = messages.filter((m) => (m.sysFlag & 0xc) === 0 || (m.sysFlag & 0xc) === 0x8);
        expect(read.map((r) => r.commitLogOffset)).toEqual(inQueue.map((m) => m.commitLogOffset));
        for (const [i, expected] of inQueue.entries()) {
          const record = read[i] as MessageRecord;
          expect(record.queueOffset).toBe(expected.queueOffset);
          expect(record.storeSize).toBe(expected.storeSize);
          expect(createOffsetMessageId(record.storeHost, record.commitLogOffset)).toBe(expected.msgId);
          expect({ ...record.properties }).toEqual(expected.properties);
          expect(record.bodyCrc).toBe(expected.bodyCrc);
          expect(record.body.length).toBe(expected.storedBodyLength);
          if (expected.compression === null || expected.compression === 'zlib') {
            const body = expected.compression === 'zlib' ? decompressBody(record.body) : record.body;
            expect(sha256(body)).toBe(expected.bodySha256);
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(manifest.commitlog.messageCount * 0.9);
    });

    it('finds every record by its commit-log offset', async () => {
      for (const expected of manifest.messages) {
        const record = await store.lookMessageByOffset(expected.commitLogOffset);
        expect(record?.storeTimestamp).toBe(expected.storeTimestamp);
      }
    });

    it('answers the key, unique-key and message-id look-ups as the Java broker did', async () => {
      for (const query of manifest.queryByKey.brokerAfterReopen) {
        let offsets: number[];
        if (query.type === 'VIEW') {
          const offset = parseInt((query.msgId ?? query.key ?? '').slice(16), 16);
          offsets = (await store.lookMessageByOffset(offset)) ? [offset] : [];
        } else {
          const found = await store.queryMessage(query.topic, query.key ?? query.msgId ?? '', 32, 0, Number.MAX_SAFE_INTEGER);
          offsets = decodeMessageRecords(Buffer.concat(found.records)).map((r) => r.commitLogOffset);
        }
        expect({ query: query.key ?? query.msgId, offsets: [...new Set(offsets)].sort((a, b) => a - b) }).toEqual({
          query: query.key ?? query.msgId,
          offsets: [...new Set(query.results.map((r) => r.commitLogOffset))].sort((a, b) => a - b),
        });
      }
    });

    it('was recognised as the kind of stop it was', () => {
      expect(existsSync(join(source, 'abort'))).toBe(fixture === 'java-4.9.8-crashed');
    });
  });
}
