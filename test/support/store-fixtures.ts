/**
 * Access to the stores written by the Java 4.9.8 broker in ../shared/fixtures/store and to
 * their manifest.json (described in that folder's README.md).
 *
 * The manifest types cover only the fields the golden tests read, each typed as the manifest
 * holds it. A field is optional where a fixture lacks it. Loaded manifests are cached and
 * shared by every caller in the test file, so treat them as read-only.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedFixturesDir } from './fixtures.js';

export const storeFixturesDir = join(sharedFixturesDir, 'store');

/** The Java-written stores: one stopped cleanly (SIGTERM), one killed mid-write (SIGKILL). */
export const STORE_FIXTURES = ['java-4.9.8-clean', 'java-4.9.8-crashed'] as const;
export type StoreFixture = (typeof STORE_FIXTURES)[number];

/** The store root of a fixture (it also holds manifest.json, which is not part of the store). */
export function storeFixtureDir(fixture: StoreFixture): string {
  return join(storeFixturesDir, fixture);
}

/** The `{minOffset, maxOffset}` of a queue as the Java admin API reported it. */
export interface StoreQueueOffsets {
  minOffset: number;
  maxOffset: number;
}

/** One entry of `queues[]`: a topic's queue. */
export interface StoreManifestQueue {
  topic: string;
  queueId: number;
  messagesInCommitLog: number;
  /** The first and last queue offset of the queue's messages in the commit log. */
  queueOffsetRangeInCommitLog: [number, number];
  consumeQueueOnDisk: { files: string[]; firstEntryIndex: number; entryCount: number; nextIndex: number };
  /** Clean fixture only. */
  brokerBeforeShutdown?: StoreQueueOffsets;
  brokerAfterReopen: StoreQueueOffsets;
}

/** One record of `messages[]`, in commit-log order. */
export interface StoreManifestMessage {
  commitLogOffset: number;
  storeSize: number;
  topic: string;
  queueId: number;
  queueOffset: number;
  /** The offset message id. */
  msgId: string;
  /** Every stored property, in stored order. */
  properties: Record<string, string>;
  propertiesLength: number;
  sysFlag: number;
  flag: number;
  bornTimestamp: number;
  bornHost: string;
  storeTimestamp: number;
  storeHost: string;
  reconsumeTimes: number;
  preparedTransactionOffset: number;
  bodyCrc: number;
  compression: 'zlib' | 'lz4' | 'zstd' | null;
  storedBodyLength: number;
  /** Measured after decompression. */
  bodyLength: number;
  /** Of the body after decompression. */
  bodySha256: string;
  /** Missing when the consume-queue entry was not on disk (19 messages of the crashed fixture). */
  cqTagsCode?: number;
}

/** A decoded index-file header in `layout.indexFiles`. */
export interface StoreManifestIndexFile {
  name: string;
  size: number;
  beginTimestamp: number;
  endTimestamp: number;
  beginPhyOffset: number;
  endPhyOffset: number;
  hashSlotCount: number;
  indexCount: number;
}

/** A look-up made through the Java admin API, in `queryByKey`. */
export interface StoreKeyQuery {
  type: 'KEY' | 'UNIQ' | 'VIEW';
  topic: string;
  /** The key, the uniq key, or (for VIEW) the offset message id. */
  key: string;
  /** No fixture's query has it (a VIEW's msgId is in `key`); store-java-fixtures.test.ts falls back on it. */
  msgId?: string;
  why: string;
  resultCount: number;
  results: { commitLogOffset: number }[];
}

export interface StoreManifest {
  /** The broker's `-c` properties, every value a string. */
  brokerSettings: { mappedFileSizeCommitLog: string; mappedFileSizeConsumeQueue: string };
  checkpoint: { indexMsgTimestamp: number };
  commitlog: {
    messageCount: number;
    /** Just after the last valid message. */
    endOffset: number;
    blankEndOfFileMarkers: { file: string; positionInFile: number }[];
  };
  layout: { indexFiles: StoreManifestIndexFile[] };
  summary: { writtenByJavaAfterReopenNotPartOfFixture: { topic: string; queueId: number }[] };
  queues: StoreManifestQueue[];
  /** `brokerBeforeShutdown` is in the clean fixture only. */
  queryByKey: { brokerBeforeShutdown?: StoreKeyQuery[]; brokerAfterReopen: StoreKeyQuery[] };
  messages: StoreManifestMessage[];
}

const manifests = new Map<StoreFixture, StoreManifest>();

/** The fixture's manifest.json, parsed once per test file. */
export function loadStoreManifest(fixture: StoreFixture): StoreManifest {
  let manifest = manifests.get(fixture);
  if (manifest === undefined) {
    manifest = JSON.parse(readFileSync(join(storeFixtureDir(fixture), 'manifest.json'), 'utf8')) as StoreManifest;
    manifests.set(fixture, manifest);
  }
  return manifest;
}
