import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageBodyCrc } from '../../src/common/crc32.js';
import { decodeBatch, encodeBatch } from '../../src/protocol/message/batch.js';
import { compressionTypeOfFlag, uncompressedBody } from '../../src/protocol/message/compression.js';
import { createOffsetMessageId } from '../../src/protocol/message/message-id.js';
import {
  BLANK_MAGIC_CODE,
  RecordPosition,
  decodeMessageRecord,
  decodeMessageRecords,
  encodeMessageRecord,
  writeMessageRecord,
  type MessageRecord,
} from '../../src/protocol/message/message-record.js';
import { decodeProperties } from '../../src/protocol/message/properties.js';
import { formatSocketAddress } from '../../src/protocol/message/socket-address.js';
import { isCompressed } from '../../src/protocol/message/sys-flag.js';
import { javaStringHash, tagsCodeOfProperties } from '../../src/protocol/message/tag-hash.js';
import { nearlyTimeOfUniqueKey, parseUniqueKey, utcCalendar } from '../../src/protocol/message/unique-key.js';
import { FrameDecoder } from '../../src/remoting/frame-decoder.js';
import { decodeCommand, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { allFrames, loadFrame, type ManifestFrame, type StoredMessageView } from '../support/fixtures.js';
import { loadStoreManifest, STORE_FIXTURES, storeFixtureDir } from '../support/store-fixtures.js';

interface BatchMessageView {
  totalSize: number;
  magicCode: number;
  bodyCRC: number;
  flag: number;
  properties: Record<string, string>;
  bodyLength: number;
  bodyUtf8?: string;
  bodyBase64?: string;
}

interface SubscriptionView {
  tagsSet: string[];
  codeSet: number[];
}

interface HeartbeatView {
  consumerDataSet?: { subscriptionDataSet?: SubscriptionView[] }[];
}

const HEART_BEAT = 34;
const frames = allFrames();
const named = (format: string) =>
  frames.filter(({ frame }) => frame.bodyFormat === format).map(({ scenario, frame }) => [`${scenario}/${frame.file}`, scenario, frame] as const);

function decodeCaptured(scenario: string, frame: ManifestFrame): RemotingCommand {
  const decoded = new FrameDecoder().push(loadFrame(scenario, frame.file));
  expect(decoded).toHaveLength(1);
  return decodeCommand(decoded[0] as Buffer);
}

function bodyOf(scenario: string, frame: ManifestFrame): Buffer {
  const body = decodeCaptured(scenario, frame).body;
  if (body === null) throw new Error(`${scenario}/${frame.file} has no body`);
  return body;
}

/** The manifest's view of a decoded record, without the body fields. */
function storedView(record: MessageRecord, magicCode: number) {
  return {
    storeSize: record.storeSize,
    magicCode: `0x${magicCode.toString(16)}`,
    bodyCRC: record.bodyCrc,
    queueId: record.queueId,
    flag: record.flag,
    queueOffset: record.queueOffset,
    commitLogOffset: record.commitLogOffset,
    sysFlag: record.sysFlag,
    bornTimestamp: record.bornTimestamp,
    bornHost: formatSocketAddress(record.bornHost),
    storeTimestamp: record.storeTimestamp,
    storeHost: formatSocketAddress(record.storeHost),
    reconsumeTimes: record.reconsumeTimes,
    preparedTransactionOffset: record.preparedTransactionOffset,
    topic: record.topic,
    properties: { ...record.properties },
    offsetMsgId: createOffsetMessageId(record.storeHost, record.commitLogOffset),
    bodyLength: record.body.length,
  };
}

function expectBody(record: MessageRecord, expected: StoredMessageView): void {
  if (expected.compression !== null) {
    expect(compressionTypeOfFlag(record.sysFlag)).toBe(expected.compression);
    expect(uncompressedBody(record.body, record.sysFlag).toString('utf8')).toBe(expected.bodyDecompressedUtf8);
  }
  if (expected.bodyBase64 !== undefined) expect(record.body.toString('base64')).toBe(expected.bodyBase64);
  if (expected.bodyUtf8 !== undefined) expect(record.body.toString('utf8')).toBe(expected.bodyUtf8);
}

describe('stored-message bodies (PULL, QUERY, VIEW_MESSAGE_BY_ID, CHECK_TRANSACTION_STATE)', () => {
  const stored = named('stored-messages');

  it('the fixtures hold stored messages, compressed ones among them', () => {
    expect(stored.length).toBeGreaterThan(30);
    const views = stored.flatMap(([, , frame]) => (frame.messages ?? []) as StoredMessageView[]);
    expect(views.some((view) => view.compression !== null)).toBe(true);
  });

  it.each(stored)('%s decodes to the manifest messages field by field', (_name, scenario, frame) => {
    const body = bodyOf(scenario, frame);
    const expected = (frame.messages ?? []) as StoredMessageView[];
    const records = decodeMessageRecords(body);
    expect(records).toHaveLength(expected.length);
    let offset = 0;
    records.forEach((record, index) => {
      const view = expected[index] as StoredMessageView;
      const { magicCode, size } = decodeMessageRecord(body, offset);
      offset += size;
      const { tags: _tags, keys: _keys, uniqKey: _uniq, compression: _c, bodyUtf8: _u, bodyBase64: _b, bodyDecompressedUtf8: _d, bodyDecompressedLength: _dl, ...fields } =
        view as StoredMessageView & { tags?: unknown; keys?: unknown; uniqKey?: unknown; bodyDecompressedLength?: unknown };
      expect(storedView(record, magicCode)).toEqual(fields);
      expect(record.bodyCrc).toBe(messageBodyCrc(record.body));
      expectBody(record, view);
    });
  });

  it.each(stored)('%s re-encodes record by record to the captured bytes', (_name, scenario, frame) => {
    const body = bodyOf(scenario, frame);
    const target = Buffer.alloc(body.length + 7);
    let written = 7;
    for (let offset = 0; offset < body.length; ) {
      const { record, size, propertiesBytes } = decodeMessageRecord(body, offset);
      const captured = body.subarray(offset, offset + size);
      written += writeMessageRecord(target, written, record, propertiesBytes);
      if (hasRepeatedName(propertiesBytes.toString('utf8'))) {
        // A stored batch entry repeats WAIT; the parsed map holds it once, so only the
        // raw properties bytes give back the captured record.
        expect(decodeMessageRecord(encodeMessageRecord(record)).record).toEqual({ ...record, storeSize: expect.any(Number) });
      } else {
        expect(encodeMessageRecord(record)).toEqual(captured);
      }
      offset += size;
    }
    expect(target.subarray(7)).toEqual(body);
  });

  it.each(stored)('%s: each UNIQ_KEY names the client and its time of sending', (_name, scenario, frame) => {
    for (const record of decodeMessageRecords(bodyOf(scenario, frame))) {
      const key = record.properties.UNIQ_KEY;
      if (key === undefined) continue;
      expect(parseUniqueKey(key).ip).toBe('127.0.0.1');
      // The capture host ran in UTC; the key is made just before the message is born.
      const madeAt = nearlyTimeOfUniqueKey(key, record.storeTimestamp + 1, utcCalendar);
      expect(record.bornTimestamp - madeAt).toBeGreaterThanOrEqual(0);
      expect(record.bornTimestamp - madeAt).toBeLessThan(1000);
    }
  });
});

describe('batch bodies (SEND_BATCH_MESSAGE)', () => {
  const batches = named('batch-messages');

  it('the fixtures hold batches', () => {
    expect(batches.length).toBeGreaterThan(0);
  });

  it.each(batches)('%s decodes to the manifest messages and re-encodes to the same bytes', (_name, scenario, frame) => {
    const body = bodyOf(scenario, frame);
    const entries = decodeBatch(body);
    const expected = (frame.messages ?? []) as BatchMessageView[];
    expect(entries.map((entry) => ({ flag: entry.flag, properties: { ...entry.properties }, bodyLength: entry.body.length }))).toEqual(
      expected.map((view) => ({ flag: view.flag, properties: view.properties, bodyLength: view.bodyLength })),
    );
    entries.forEach((entry, index) => {
      const view = expected[index] as BatchMessageView;
      if (view.bodyUtf8 !== undefined) expect(entry.body.toString('utf8')).toBe(view.bodyUtf8);
      if (view.bodyBase64 !== undefined) expect(entry.body.toString('base64')).toBe(view.bodyBase64);
    });
    expect(encodeBatch(entries)).toEqual(body);
  });
});

describe('single-message bodies (SEND_MESSAGE_V2, CONSUMER_SEND_MSG_BACK)', () => {
  const bodies = named('message-body');
  const propertiesText = (command: RemotingCommand) => command.extFields?.i ?? command.extFields?.properties;
  const sysFlagOf = (command: RemotingCommand) => Number(command.extFields?.f ?? command.extFields?.sysFlag ?? 0);

  it('the fixtures hold compressed sends', () => {
    expect(bodies.filter(([, , frame]) => frame.bodyDecompressedUtf8 !== undefined).length).toBeGreaterThan(0);
  });

  it.each(bodies)('%s: the header properties decode to the manifest view', (_name, scenario, frame) => {
    const text = propertiesText(decodeCaptured(scenario, frame));
    if (text === undefined) return;
    expect({ ...decodeProperties(text) }).toEqual(frame.messageProperties);
  });

  it.each(bodies.filter(([, , frame]) => frame.bodyDecompressedUtf8 !== undefined))(
    '%s: the compressed body decompresses to the captured text',
    (_name, scenario, frame) => {
      const command = decodeCaptured(scenario, frame);
      const sysFlag = sysFlagOf(command);
      expect(isCompressed(sysFlag)).toBe(true);
      expect(uncompressedBody(bodyOf(scenario, frame), sysFlag).toString('utf8')).toBe(frame.bodyDecompressedUtf8);
    },
  );
});

describe('tag hashes of captured subscriptions (HEART_BEAT)', () => {
  const heartbeats = frames
    .filter(({ frame }) => frame.code === HEART_BEAT && frame.rpcType === 'request')
    .map(({ scenario, frame }) => [`${scenario}/${frame.file}`, scenario, frame] as const);

  it('the captured heartbeats are there (they all subscribe with "*", so their code sets are empty)', () => {
    expect(heartbeats.length).toBeGreaterThan(0);
  });

  it.each(heartbeats)('%s: every codeSet holds the Java hash of each tag', (_name, scenario, frame) => {
    for (const subscription of subscriptionsOf(bodyOf(scenario, frame))) {
      const hashes = subscription.tagsSet.map(javaStringHash).sort((a, b) => a - b);
      expect(hashes).toEqual([...subscription.codeSet].sort((a, b) => a - b));
    }
  });
});

function hasRepeatedName(propertiesText: string): boolean {
  const names = propertiesText.split('\u0002').map((pair) => pair.split('\u0001')[0]);
  return new Set(names).size < names.length;
}

function subscriptionsOf(body: Buffer): SubscriptionView[] {
  const heartbeat = JSON.parse(body.toString('utf8')) as HeartbeatView;
  return (heartbeat.consumerDataSet ?? []).flatMap((consumer) => consumer.subscriptionDataSet ?? []);
}

describe.each(STORE_FIXTURES)('records of the Java-written commit log %s', (fixture) => {
  const root = storeFixtureDir(fixture);
  const manifest = loadStoreManifest(fixture);
  const fileSize = Number(manifest.brokerSettings.mappedFileSizeCommitLog);
  const files = new Map<string, Buffer>();
  const commitLogFile = (name: string) => {
    let file = files.get(name);
    if (file === undefined) {
      file = readFileSync(join(root, 'commitlog', name));
      files.set(name, file);
    }
    return file;
  };
  const fileNameOf = (offset: number) => String(Math.floor(offset / fileSize) * fileSize).padStart(20, '0');
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  it('every record decodes to its manifest entry and writes back to the same bytes', () => {
    expect(manifest.messages.length).toBeGreaterThan(3000);
    for (const expected of manifest.messages) {
      const file = commitLogFile(fileNameOf(expected.commitLogOffset));
      const position = expected.commitLogOffset % fileSize;
      const { record, size, propertiesBytes } = decodeMessageRecord(file, position);
      expect({
        commitLogOffset: record.commitLogOffset,
        storeSize: size,
        topic: record.topic,
        queueId: record.queueId,
        queueOffset: record.queueOffset,
        msgId: createOffsetMessageId(record.storeHost, record.commitLogOffset),
        properties: { ...record.properties },
        propertiesLength: propertiesBytes.length,
        sysFlag: record.sysFlag,
        flag: record.flag,
        bornTimestamp: record.bornTimestamp,
        bornHost: formatSocketAddress(record.bornHost),
        storeTimestamp: record.storeTimestamp,
        storeHost: formatSocketAddress(record.storeHost),
        reconsumeTimes: record.reconsumeTimes,
        preparedTransactionOffset: record.preparedTransactionOffset,
        bodyCrc: record.bodyCrc,
        storedBodyLength: record.body.length,
      }).toEqual({
        commitLogOffset: expected.commitLogOffset,
        storeSize: expected.storeSize,
        topic: expected.topic,
        queueId: expected.queueId,
        queueOffset: expected.queueOffset,
        msgId: expected.msgId,
        properties: expected.properties,
        propertiesLength: expected.propertiesLength,
        sysFlag: expected.sysFlag,
        flag: expected.flag,
        bornTimestamp: expected.bornTimestamp,
        bornHost: expected.bornHost,
        storeTimestamp: expected.storeTimestamp,
        storeHost: expected.storeHost,
        reconsumeTimes: expected.reconsumeTimes,
        preparedTransactionOffset: expected.preparedTransactionOffset,
        bodyCrc: expected.bodyCrc,
        storedBodyLength: expected.storedBodyLength,
      });
      expect(record.bodyCrc).toBe(messageBodyCrc(record.body));

      const rewritten = Buffer.alloc(size);
      writeMessageRecord(rewritten, 0, record, propertiesBytes);
      expect(rewritten.equals(file.subarray(position, position + size))).toBe(true);
    }
  });

  it('zlib, LZ4 and ZSTD bodies written by the Java producer decompress to the sent bytes', () => {
    const seen = new Set<string>();
    for (const expected of manifest.messages) {
      if (expected.compression === null) continue;
      const file = commitLogFile(fileNameOf(expected.commitLogOffset));
      const { record } = decodeMessageRecord(file, expected.commitLogOffset % fileSize);
      expect(compressionTypeOfFlag(record.sysFlag)).toBe(expected.compression.toUpperCase());
      const body = uncompressedBody(record.body, record.sysFlag);
      expect(body.length).toBe(expected.bodyLength);
      expect(sha256(body)).toBe(expected.bodySha256);
      seen.add(expected.compression);
    }
    expect([...seen].sort()).toEqual(['lz4', 'zlib', 'zstd']);
  });

  it('each end of a file holds a blank record with the blank magic', () => {
    expect(manifest.commitlog.blankEndOfFileMarkers.length).toBeGreaterThan(0);
    for (const marker of manifest.commitlog.blankEndOfFileMarkers) {
      const file = commitLogFile(marker.file);
      expect(file.readUInt32BE(marker.positionInFile + RecordPosition.MAGICCODE)).toBe(BLANK_MAGIC_CODE);
    }
  });

  it('the tags code of every consume-queue entry is the Java hash of the TAGS property (0 without a tag)', () => {
    // SCHEDULE_TOPIC_XXXX entries hold the delivery time instead of a tags code.
    const checked = manifest.messages.filter((message) => typeof message.cqTagsCode === 'number' && message.topic !== 'SCHEDULE_TOPIC_XXXX');
    expect(checked.length).toBeGreaterThan(3000);
    expect(checked.some((message) => message.cqTagsCode !== 0)).toBe(true);
    for (const message of checked) expect(tagsCodeOfProperties(message.properties)).toBe(message.cqTagsCode);
  });
});
