/**
 * Golden tests of the message index against the index files the Java 4.9.8 broker wrote
 * (../shared/fixtures/store, maxHashSlotNum=1000, maxIndexNum=4000). Always on copies in
 * temporary directories: the fixtures themselves are never opened for writing.
 */
import { chmodSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DispatchRequest } from '../../src/store/dispatch-request.js';
import { FileHandleCache } from '../../src/store/file-handle-cache.js';
import { indexFileTime } from '../../src/store/index/index-file-name.js';
import { IndexService } from '../../src/store/index/index-service.js';
import { messageStoreConfig } from '../../src/store/store-config.js';
import {
  loadStoreManifest as manifest,
  STORE_FIXTURES as FIXTURES,
  storeFixtureDir,
  type StoreFixture as Fixture,
  type StoreManifestIndexFile as IndexFileView,
  type StoreManifestMessage as MessageView,
} from '../support/store-fixtures.js';

const EVERYTHING = { begin: 0, end: Number.MAX_SAFE_INTEGER };
/** The Java admin client's maxNum for key and uniq-key lookups. */
const QUERY_MAX_NUM = 32;

/** Offset of the last record with an index entry on disk: the newest file's end offset. */
function lastIndexedOffset(fixture: Fixture): number {
  const files = manifest(fixture).layout.indexFiles;
  return (files[files.length - 1] as IndexFileView).endPhyOffset;
}

const roots: string[] = [];
const services: IndexService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) await service.close().catch(() => undefined);
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'index-golden-'));
  roots.push(root);
  return root;
}

/** A store root holding a writable copy of the fixture's `index` directory. */
function copyOfIndex(fixture: Fixture): string {
  const root = tempRoot();
  cpSync(join(storeFixtureDir(fixture), 'index'), join(root, 'index'), { recursive: true });
  chmodSync(join(root, 'index'), 0o755);
  for (const name of readdirSync(join(root, 'index'))) chmodSync(join(root, 'index', name), 0o644);
  return root;
}

function service(root: string, clock?: () => number): IndexService {
  const created = new IndexService({
    config: messageStoreConfig({ storePathRootDir: root, maxHashSlotNum: 1000, maxIndexNum: 4000 }),
    readers: new FileHandleCache(16),
    timeZone: 'utc',
    syncOnFlush: false,
    ...(clock ? { clock } : {}),
  });
  services.push(created);
  return created;
}

async function loadedCopy(fixture: Fixture): Promise<IndexService> {
  const index = service(copyOfIndex(fixture));
  const report = await index.load(true, manifest(fixture).checkpoint.indexMsgTimestamp);
  expect(report.skipped).toEqual([]);
  return index;
}

function dispatchOf(message: MessageView): DispatchRequest {
  return {
    topic: message.topic,
    queueId: message.queueId,
    commitLogOffset: message.commitLogOffset,
    msgSize: message.storeSize,
    tagsCode: message.cqTagsCode ?? 0,
    storeTimestamp: message.storeTimestamp,
    consumeQueueOffset: message.queueOffset,
    keys: message.properties['KEYS'] ?? '',
    uniqKey: message.properties['UNIQ_KEY'] ?? null,
    sysFlag: message.sysFlag,
    preparedTransactionOffset: message.preparedTransactionOffset,
  };
}

function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

describe.each(FIXTURES)('the index of %s', (fixture) => {
  it('opens every file and decodes headers equal to the manifest layout', async () => {
    const index = await loadedCopy(fixture);
    const decoded = index.indexFiles.map((file) => ({ name: file.name, ...file.header }));
    const expected = manifest(fixture).layout.indexFiles.map(({ size: _size, ...rest }) => rest);
    expect(decoded).toEqual(expected);
  });

  it('answers the broker’s key and uniq-key lookups with the same commit-log offsets', async () => {
    const index = await loadedCopy(fixture);
    const queries = manifest(fixture).queryByKey;
    const lookups = (queries.brokerBeforeShutdown ?? queries.brokerAfterReopen).filter((q) => q.type !== 'VIEW');
    const onDisk = lastIndexedOffset(fixture);
    expect(lookups.length).toBeGreaterThan(10);
    for (const query of lookups) {
      const result = await index.queryOffset(query.topic, query.key, QUERY_MAX_NUM, EVERYTHING.begin, EVERYTHING.end);
      // Offsets past the last entry on disk were indexed by Java's recovery after reopening.
      const expected = (query.results ?? []).map((r) => r.commitLogOffset).filter((offset) => offset <= onDisk);
      expect(sorted(result.phyOffsets), `${query.type} ${query.topic} ${query.key}: ${query.why}`).toEqual(sorted(expected));
      expect(result.errors).toEqual([]);
    }
  });

  it('finds every indexed message under each of its keys and its uniq key', async () => {
    const index = await loadedCopy(fixture);
    const onDisk = lastIndexedOffset(fixture);
    const messages = manifest(fixture).messages.filter((m) => m.commitLogOffset <= onDisk);
    const lookups = messages.flatMap((message) => {
      const request = dispatchOf(message);
      const keys = [...(request.uniqKey === null ? [] : [request.uniqKey]), ...request.keys.split(' ').filter(Boolean)];
      return keys.map((key) => ({ topic: message.topic, key, offset: message.commitLogOffset }));
    });
    expect(lookups.length).toBeGreaterThan(messages.length);
    for (let start = 0; start < lookups.length; start += 64) {
      const batch = lookups.slice(start, start + 64);
      const results = await Promise.all(batch.map((l) => index.queryOffset(l.topic, l.key, 64, EVERYTHING.begin, EVERYTHING.end)));
      batch.forEach((lookup, i) => expect(results[i]?.phyOffsets, `${lookup.topic}#${lookup.key}`).toContain(lookup.offset));
    }
  });

  it('reports the newest file’s end as the index’s last update', async () => {
    const index = await loadedCopy(fixture);
    const newest = manifest(fixture).layout.indexFiles.at(-1) as IndexFileView;
    const result = await index.queryOffset('TopicA', 'no-such-key', 32, EVERYTHING.begin, EVERYTHING.end);
    expect(result).toMatchObject({ phyOffsets: [], indexLastUpdateTimestamp: newest.endTimestamp, indexLastUpdatePhyoffset: newest.endPhyOffset });
  });

  it('is rebuilt byte for byte from the commit log’s records in order', async () => {
    const expectedFiles = manifest(fixture).layout.indexFiles;
    const creationTimes = expectedFiles.map((file) => indexFileTime(file.name, 'utc') as number);
    let created = 0;
    const root = tempRoot();
    const index = service(root, () => creationTimes[created++] ?? Number.NaN);
    await index.load(true, 0);
    const onDisk = lastIndexedOffset(fixture);
    for (const message of manifest(fixture).messages) {
      if (message.commitLogOffset <= onDisk) await index.buildIndex(dispatchOf(message));
    }
    await index.close();
    expect(readdirSync(join(root, 'index')).sort()).toEqual(expectedFiles.map((file) => file.name));
    for (const file of expectedFiles) {
      const ours = readFileSync(join(root, 'index', file.name));
      const java = readFileSync(join(storeFixtureDir(fixture), 'index', file.name));
      expect(ours.length).toBe(java.length);
      expect(ours.equals(java), `index file ${file.name} differs`).toBe(true);
    }
  });
});

describe('the index of the crashed fixture after an abnormal exit', () => {
  it('deletes the files that end after the checkpoint’s index timestamp, as Java does', async () => {
    const root = copyOfIndex('java-4.9.8-crashed');
    const index = service(root);
    const report = await index.load(false, manifest('java-4.9.8-crashed').checkpoint.indexMsgTimestamp);
    expect(report).toEqual({ loaded: ['20261124171345877', '20261124171348591'], destroyed: ['20261124171859275'], skipped: [] });
    expect(readdirSync(join(root, 'index')).sort()).toEqual(report.loaded);
  });

  it('re-indexes recovered records after the last full file and finds the keys Java found after reopening', async () => {
    const fixture = 'java-4.9.8-crashed';
    const root = copyOfIndex(fixture);
    const index = service(root, () => Date.UTC(2026, 10, 24, 18, 0, 0, 0));
    await index.load(false, manifest(fixture).checkpoint.indexMsgTimestamp);
    // Recovery re-dispatches from an earlier commit-log file; records the full files hold are skipped.
    for (const message of manifest(fixture).messages) {
      if (message.commitLogOffset >= 4_194_304) await index.buildIndex(dispatchOf(message));
    }
    for (const query of manifest(fixture).queryByKey.brokerAfterReopen.filter((q) => q.type !== 'VIEW')) {
      const result = await index.queryOffset(query.topic, query.key, QUERY_MAX_NUM, EVERYTHING.begin, EVERYTHING.end);
      const expected = (query.results ?? []).map((r) => r.commitLogOffset);
      expect(sorted(result.phyOffsets), `${query.type} ${query.topic} ${query.key}`).toEqual(sorted(expected));
    }
    expect(index.indexFiles.map((file) => file.name)).toEqual(['20261124171345877', '20261124171348591', '20261124180000000']);
    // Java skips a record only when its offset is *below* the newest file's end offset, so
    // the last record of the full file (at exactly its end offset) is indexed once more.
    expect(index.indexFiles[2]?.header.beginPhyOffset).toBe(6_100_187);
    const again = await index.queryOffset('TopicB', 'key-100558', QUERY_MAX_NUM, EVERYTHING.begin, EVERYTHING.end);
    expect(again.phyOffsets).toEqual([6_100_187, 6_100_187]);
  });
});
