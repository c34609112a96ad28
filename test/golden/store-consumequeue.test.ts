/**
 * Golden tests of the consume queue against the stores written by the Java 4.9.8 broker in
 * ../shared/fixtures/store: every queue of each manifest is opened from a copy of the
 * fixture's consumequeue directory, its units compared with the manifest's messages, and the
 * files this implementation writes from the same units compared byte for byte with Java's.
 */
import { searchOffsetByTime } from '../../src/store/search-offset-by-time.js';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConsumeQueue } from '../../src/store/consumequeue/consume-queue.js';
import { ConsumeQueueStore } from '../../src/store/consumequeue/consume-queue-store.js';
import type { ConsumeQueueUnit } from '../../src/store/consumequeue/cq-unit.js';
import type { DispatchRequest } from '../../src/store/dispatch-request.js';
import { FileHandleCache } from '../../src/store/file-handle-cache.js';
import { messageStoreConfig, type MessageStoreConfig } from '../../src/store/store-config.js';
import {
  loadStoreManifest,
  STORE_FIXTURES,
  storeFixtureDir,
  type StoreManifest,
  type StoreManifestMessage as ManifestMessage,
} from '../support/store-fixtures.js';

const key = (topic: string, queueId: number): string => `${topic}/${queueId}`;

/** The manifest's messages of each queue, in queue-offset order. */
function messagesByQueue(manifest: StoreManifest): Map<string, ManifestMessage[]> {
  const byQueue = new Map<string, ManifestMessage[]>();
  for (const message of manifest.messages) {
    const k = key(message.topic, message.queueId);
    const list = byQueue.get(k) ?? [];
    list.push(message);
    byQueue.set(k, list);
  }
  for (const list of byQueue.values()) list.sort((a, b) => a.queueOffset - b.queueOffset);
  return byQueue;
}

function request(message: ManifestMessage, tagsCode: number): DispatchRequest {
  return {
    topic: message.topic,
    queueId: message.queueId,
    commitLogOffset: message.commitLogOffset,
    msgSize: message.storeSize,
    tagsCode,
    storeTimestamp: message.storeTimestamp,
    consumeQueueOffset: message.queueOffset,
    keys: '',
    uniqKey: null,
    sysFlag: 0,
    preparedTransactionOffset: 0,
  };
}

async function allUnits(queue: ConsumeQueue): Promise<ConsumeQueueUnit[]> {
  const units: ConsumeQueueUnit[] = [];
  for (let offset = queue.minOffset; offset < queue.maxOffset; ) {
    const page = await queue.getUnits(offset, 128);
    if (page.length === 0) break;
    units.push(...page);
    offset += page.length;
  }
  return units;
}

for (const fixture of STORE_FIXTURES) {
  describe(`consume queues of the Java 4.9.8 store ${fixture}`, () => {
    const fixtureDir = storeFixtureDir(fixture);
    let manifest: StoreManifest;
    let byQueue: Map<string, ManifestMessage[]>;
    let root: string;
    let config: MessageStoreConfig;
    let handles: FileHandleCache;

    beforeAll(() => {
      manifest = loadStoreManifest(fixture);
      byQueue = messagesByQueue(manifest);
    });

    beforeEach(() => {
      root = mkdtempSync(join(tmpdir(), 'cq-golden-'));
      cpSync(join(fixtureDir, 'consumequeue'), join(root, 'consumequeue'), { recursive: true });
      config = messageStoreConfig({
        storePathRootDir: root,
        mappedFileSizeConsumeQueue: Number(manifest.brokerSettings.mappedFileSizeConsumeQueue),
      });
      handles = new FileHandleCache();
    });

    afterEach(async () => {
      await handles.closeAll();
      rmSync(root, { recursive: true, force: true });
    });

    async function openStore(): Promise<ConsumeQueueStore> {
      const store = new ConsumeQueueStore({ config, handles });
      const report = await store.load();
      expect(report.failed).toEqual([]);
      expect(report.repairs).toEqual([]);
      return store;
    }

    it('loads every queue of the manifest and nothing else, without repairs', async () => {
      const store = await openStore();
      expect(store.queueCount).toBe(manifest.queues.length);
      for (const q of manifest.queues) expect(store.find(q.topic, q.queueId)).toBeDefined();
      await store.close();
    });

    it('finds the end of data where the manifest says the files end (entryCount, nextIndex)', async () => {
      const store = await openStore();
      for (const q of manifest.queues) {
        const queue = store.find(q.topic, q.queueId) as ConsumeQueue;
        expect({ queue: key(q.topic, q.queueId), min: queue.minOffset, max: queue.maxOffset }).toEqual({
          queue: key(q.topic, q.queueId),
          min: q.consumeQueueOnDisk.firstEntryIndex,
          max: q.consumeQueueOnDisk.nextIndex,
        });
        expect(queue.messageCount).toBe(q.consumeQueueOnDisk.entryCount);
      }
      await store.close();
    });

    it('reads back every unit as the manifest records it (commit-log offset, size, tag code)', async () => {
      const store = await openStore();
      for (const q of manifest.queues) {
        const queue = store.find(q.topic, q.queueId) as ConsumeQueue;
        const expected = (byQueue.get(key(q.topic, q.queueId)) ?? [])
          .filter((m) => m.cqTagsCode !== undefined)
          .map((m) => ({ commitLogOffset: m.commitLogOffset, size: m.storeSize, tagsCode: m.cqTagsCode, queueOffset: m.queueOffset }));
        expect(await allUnits(queue)).toEqual(expected);
        const last = expected[expected.length - 1];
        expect(queue.maxPhysicOffset).toBe(last === undefined ? -1 : last.commitLogOffset + last.size);
      }
      await store.close();
    });

    if (fixture === 'java-4.9.8-clean') {
      it('has the min and max offsets the live Java broker reported before shutdown', async () => {
        const store = await openStore();
        for (const q of manifest.queues) {
          const queue = store.find(q.topic, q.queueId) as ConsumeQueue;
          expect([key(q.topic, q.queueId), queue.minOffset, queue.maxOffset]).toEqual([
            key(q.topic, q.queueId),
            q.brokerBeforeShutdown?.minOffset,
            q.brokerBeforeShutdown?.maxOffset,
          ]);
        }
        await store.close();
      });
    }

    if (fixture === 'java-4.9.8-crashed') {
      it('lags the commit log by the 19 units recovery rebuilds, and re-putting them reaches the reopened maxima', async () => {
        const store = await openStore();
        const writtenAfterReopen = manifest.summary.writtenByJavaAfterReopenNotPartOfFixture;
        const lagging = manifest.queues.filter((q) => q.consumeQueueOnDisk.nextIndex < q.messagesInCommitLog);
        expect(lagging.map((q) => key(q.topic, q.queueId)).sort()).toEqual(['TopicA/0', 'TopicB/0', 'TopicB/1']);
        const missing = manifest.messages.filter((m) => m.cqTagsCode === undefined);
        expect(missing).toHaveLength(19);
        for (const message of manifest.messages) {
          const queue = store.findOrCreate(message.topic, message.queueId);
          const result = await queue.putMessagePositionInfo(request(message, message.cqTagsCode ?? 0));
          expect(result.status).toBe(message.cqTagsCode === undefined ? 'APPENDED' : 'DUPLICATE');
        }
        for (const q of manifest.queues) {
          const queue = store.find(q.topic, q.queueId) as ConsumeQueue;
          const laterWrites = writtenAfterReopen.filter((w) => w.topic === q.topic && w.queueId === q.queueId).length;
          expect([key(q.topic, q.queueId), queue.maxOffset]).toEqual([key(q.topic, q.queueId), q.brokerAfterReopen.maxOffset - laterWrites]);
          expect(queue.maxOffset).toBe(q.messagesInCommitLog);
        }
        await store.close();
        const reopened = await openStore();
        expect(reopened.find('TopicA', 0)?.maxOffset).toBe(878);
        await reopened.close();
      });
    }

    it('writes files byte-identical to the Java broker’s from the same units', async () => {
      const freshRoot = mkdtempSync(join(tmpdir(), 'cq-golden-fresh-'));
      try {
        for (const q of manifest.queues) {
          const dir = join(freshRoot, q.topic, String(q.queueId));
          const queue = new ConsumeQueue({
            topic: q.topic,
            queueId: q.queueId,
            dir,
            mappedFileSizeConsumeQueue: config.mappedFileSizeConsumeQueue,
            handles,
          });
          for (const message of byQueue.get(key(q.topic, q.queueId)) ?? []) {
            if (message.cqTagsCode !== undefined) await queue.putMessagePositionInfo(request(message, message.cqTagsCode));
          }
          await queue.close();
          const javaDir = join(fixtureDir, 'consumequeue', q.topic, String(q.queueId));
          expect(readdirSync(dir).sort()).toEqual(readdirSync(javaDir).sort());
          for (const name of readdirSync(javaDir)) {
            expect(readFileSync(join(dir, name)).equals(readFileSync(join(javaDir, name))), `${key(q.topic, q.queueId)}/${name}`).toBe(true);
          }
        }
      } finally {
        rmSync(freshRoot, { recursive: true, force: true });
      }
    });

    it('searches offsets by store time with RocketMQ 4.9 semantics on a three-file queue', async () => {
      const store = await openStore();
      const queue = store.find('TopicA', 0) as ConsumeQueue;
      const messages = (byQueue.get('TopicA/0') ?? []).filter((m) => m.cqTagsCode !== undefined);
      const timeOf = new Map(messages.map((m) => [m.commitLogOffset, m.storeTimestamp]));
      const storeTimeAt = async (queueOffset: number): Promise<number | null> => {
        const unit = await queue.getUnit(queueOffset);
        return unit === null ? null : (timeOf.get(unit.commitLogOffset) ?? null);
      };
      const byTime = (timestamp: number): Promise<number> => searchOffsetByTime(queue.minOffset, queue.maxOffset, timestamp, storeTimeAt);
      const first = messages[0] as ManifestMessage;
      const last = messages[messages.length - 1] as ManifestMessage;
      expect(await byTime(first.storeTimestamp - 1)).toBe(0);
      expect(await byTime(last.storeTimestamp + 60_000)).toBe(queue.maxOffset - 1);
      for (const probe of [messages[1], messages[299], messages[300], messages[450], messages[600]]) {
        const found = await byTime((probe as ManifestMessage).storeTimestamp);
        expect(messages[found]?.storeTimestamp).toBe((probe as ManifestMessage).storeTimestamp);
      }
      await store.close();
    });
  });
}
