/**
 * The MessageStore conformance suite: every implementation (file, memory) must pass it.
 * `openStore` gives a fresh, started store with the given settings; the suite shuts it down.
 */
import { describe, expect, it } from 'vitest';
import { decodeMessageRecord, decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { PropertyKey, type MessageProperties } from '../../src/protocol/message/properties.js';
import { parseOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { TransactionType, withTransactionType } from '../../src/protocol/message/sys-flag.js';
import { tagsCodeOf } from '../../src/protocol/message/tag-hash.js';
import type { MessageStore, MessageToStore } from '../../src/store/message-store.js';
import type { MessageStoreConfig } from '../../src/store/store-config.js';

export type OpenStore = (overrides?: Partial<MessageStoreConfig>) => Promise<MessageStore>;

const storeHost = { host: '127.0.0.1', port: 10911 };

export function message(topic: string, queueId: number, body: string, properties: Record<string, string> = {}): MessageToStore {
  return {
    topic,
    queueId,
    flag: 0,
    body: Buffer.from(body),
    properties: { ...properties } as MessageProperties,
    sysFlag: 0,
    bornTimestamp: Date.now(),
    bornHost: { host: '127.0.0.1', port: 50000 },
    storeHost,
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
  };
}

function tagFilter(tag: string) {
  const code = tagsCodeOf(tag);
  return { matchesTagsCode: (tagsCode: number) => tagsCode === code };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function messageStoreConformance(name: string, openStore: OpenStore): void {
  describe(`${name} conforms to MessageStore`, () => {
    async function withStore(test: (store: MessageStore) => Promise<void>, overrides?: Partial<MessageStoreConfig>): Promise<void> {
      const store = await openStore(overrides);
      try {
        await test(store);
      } finally {
        await store.shutdown();
      }
    }

    it('assigns consecutive queue offsets per queue and reads the records back', () =>
      withStore(async (store) => {
        const results = [];
        for (let i = 0; i < 5; i++) results.push(await store.putMessage(message('T1', 0, `m${i}`, { TAGS: 'A', KEYS: `k${i}` })));
        results.push(await store.putMessage(message('T1', 1, 'other queue')));
        expect(results.map((r) => r.status)).toEqual(['PUT_OK', 'PUT_OK', 'PUT_OK', 'PUT_OK', 'PUT_OK', 'PUT_OK']);
        expect(results.map((r) => r.appended[0]?.queueOffset)).toEqual([0, 1, 2, 3, 4, 0]);
        const offsets = results.map((r) => r.appended[0]?.commitLogOffset as number);
        expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
        expect(store.getMaxOffsetInQueue('T1', 0)).toBe(5);
        expect(store.getMinOffsetInQueue('T1', 0)).toBe(0);
        expect(store.getMaxOffsetInQueue('T1', 1)).toBe(1);
        const got = await store.getMessage('T1', 0, 1, 32);
        expect(got).toMatchObject({ status: 'FOUND', nextBeginOffset: 5, minOffset: 0, maxOffset: 5 });
        const records = decodeMessageRecords(Buffer.concat(got.records));
        expect(records.map((r) => r.body.toString())).toEqual(['m1', 'm2', 'm3', 'm4']);
        expect(records.map((r) => r.queueOffset)).toEqual([1, 2, 3, 4]);
        expect(records[0]?.properties).toMatchObject({ TAGS: 'A', KEYS: 'k1' });
        expect(records[0]?.commitLogOffset).toBe(offsets[1]);
        expect(records[0]?.storeHost).toEqual(storeHost);
      }));

    it('gives each stored message an offset message id naming the store host and commit-log offset', () =>
      withStore(async (store) => {
        const result = await store.putMessage(message('T1', 0, 'id'));
        const appended = result.appended[0];
        expect(appended).toBeDefined();
        expect(parseOffsetMessageId(appended?.msgId as string)).toEqual({ storeHost, commitLogOffset: appended?.commitLogOffset });
        const record = await store.lookMessageByOffset(appended?.commitLogOffset as number);
        expect(record?.body.toString()).toBe('id');
        expect(record?.storeTimestamp).toBe(appended?.storeTimestamp);
        const raw = await store.selectRecordByOffset(appended?.commitLogOffset as number);
        expect(raw && decodeMessageRecord(raw).record.body.toString()).toBe('id');
      }));

    it('stores a batch as consecutive records of one queue', () =>
      withStore(async (store) => {
        await store.putMessage(message('TB', 2, 'before'));
        const batch = [0, 1, 2].map((i) => message('TB', 2, `b${i}`, { KEYS: `bk${i}` }));
        const result = await store.putMessages(batch);
        expect(result.status).toBe('PUT_OK');
        expect(result.appended.map((a) => a.queueOffset)).toEqual([1, 2, 3]);
        for (let i = 1; i < 3; i++) {
          const previous = result.appended[i - 1];
          expect(result.appended[i]?.commitLogOffset).toBe((previous?.commitLogOffset as number) + (previous?.size as number));
        }
        const got = await store.getMessage('TB', 2, 0, 32);
        expect(decodeMessageRecords(Buffer.concat(got.records)).map((r) => r.body.toString())).toEqual(['before', 'b0', 'b1', 'b2']);
      }));

    it('answers each position of a read with RocketMQ status and next offset', () =>
      withStore(async (store) => {
        expect(await store.getMessage('Nope', 0, 0, 32)).toMatchObject({ status: 'NO_MATCHED_LOGIC_QUEUE', nextBeginOffset: 0 });
        expect(await store.getMessage('Nope', 0, 5, 32)).toMatchObject({ status: 'NO_MATCHED_LOGIC_QUEUE', nextBeginOffset: 0 });
        for (let i = 0; i < 3; i++) await store.putMessage(message('T2', 0, `m${i}`));
        expect(await store.getMessage('T2', 0, 3, 32)).toMatchObject({ status: 'OFFSET_OVERFLOW_ONE', nextBeginOffset: 3, maxOffset: 3 });
        expect(await store.getMessage('T2', 0, 10, 32)).toMatchObject({ status: 'OFFSET_OVERFLOW_BADLY', nextBeginOffset: 3 });
        expect(await store.getMessage('T2', 0, 0, 2)).toMatchObject({ status: 'FOUND', nextBeginOffset: 2 });
      }));

    it('filters by tag code, skipping unmatched messages and moving the next offset past them', () =>
      withStore(async (store) => {
        const tags = ['A', 'B', 'A', 'B', 'B'];
        for (const [i, tag] of tags.entries()) await store.putMessage(message('T3', 0, `m${i}`, { TAGS: tag }));
        const onlyA = await store.getMessage('T3', 0, 0, 32, tagFilter('A'));
        expect(decodeMessageRecords(Buffer.concat(onlyA.records)).map((r) => r.body.toString())).toEqual(['m0', 'm2']);
        expect(onlyA.nextBeginOffset).toBe(5);
        expect(await store.getMessage('T3', 0, 0, 32, tagFilter('C'))).toMatchObject({ status: 'NO_MATCHED_MESSAGE', nextBeginOffset: 5 });
      }));

    it('stops a read at 32 messages or 256 KiB of recent data, but always returns the first record', () =>
      withStore(async (store) => {
        for (let i = 0; i < 40; i++) await store.putMessage(message('T4', 0, 'x'.repeat(10)));
        expect((await store.getMessage('T4', 0, 0, 100)).records).toHaveLength(32);
        const big = 'y'.repeat(200 * 1024);
        await store.putMessage(message('T5', 0, big));
        await store.putMessage(message('T5', 0, big));
        const got = await store.getMessage('T5', 0, 0, 32);
        expect(got.records).toHaveLength(1);
        expect(got.nextBeginOffset).toBe(1);
      }));

    it('finds offsets by store time: exact, nearest, before the first, after the last, empty queue', () =>
      withStore(async (store) => {
        expect(await store.getOffsetInQueueByTime('T6', 0, Date.now())).toBe(0);
        const times: number[] = [];
        for (let i = 0; i < 4; i++) {
          times.push((await store.putMessage(message('T6', 0, `m${i}`))).appended[0]?.storeTimestamp as number);
          await sleep(15);
        }
        expect(await store.getOffsetInQueueByTime('T6', 0, times[2] as number)).toBe(2);
        expect(await store.getOffsetInQueueByTime('T6', 0, (times[1] as number) + 1)).toBe(1);
        expect(await store.getOffsetInQueueByTime('T6', 0, (times[2] as number) - 1)).toBe(2);
        expect(await store.getOffsetInQueueByTime('T6', 0, 0)).toBe(0);
        expect(await store.getOffsetInQueueByTime('T6', 0, Date.now() + 60_000)).toBe(3);
        expect(await store.getEarliestMessageTime('T6', 0)).toBe(times[0]);
        expect(await store.getMessageStoreTimestamp('T6', 0, 3)).toBe(times[3]);
        expect(await store.getEarliestMessageTime('T6', 9)).toBe(-1);
      }));

    it('queries by key and by unique key within a time range, up to a maximum count', () =>
      withStore(async (store) => {
        const uniq = '7F0000012F915FFD2B277A2084330000';
        for (let i = 0; i < 5; i++) {
          await store.putMessage(message('T7', i % 2, `k${i}`, { KEYS: `shared key-${i}`, [PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX]: `${uniq.slice(0, -1)}${i}` }));
        }
        const all = await store.queryMessage('T7', 'shared', 32, 0, Number.MAX_SAFE_INTEGER);
        expect(decodeMessageRecords(Buffer.concat(all.records)).map((r) => r.body.toString()).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
        expect((await store.queryMessage('T7', 'shared', 2, 0, Number.MAX_SAFE_INTEGER)).records).toHaveLength(2);
        const one = await store.queryMessage('T7', 'key-3', 32, 0, Number.MAX_SAFE_INTEGER);
        expect(decodeMessageRecords(Buffer.concat(one.records)).map((r) => r.body.toString())).toEqual(['k3']);
        const byUniq = await store.queryMessage('T7', `${uniq.slice(0, -1)}4`, 32, 0, Number.MAX_SAFE_INTEGER);
        expect(decodeMessageRecords(Buffer.concat(byUniq.records)).map((r) => r.body.toString())).toEqual(['k4']);
        expect((await store.queryMessage('T7', 'shared', 32, 0, 1000)).records).toHaveLength(0);
        expect((await store.queryMessage('Other', 'shared', 32, 0, Number.MAX_SAFE_INTEGER)).records).toHaveLength(0);
      }));

    it('refuses what RocketMQ refuses, and stores nothing for it', () =>
      withStore(
        async (store) => {
          expect((await store.putMessage(message('T'.repeat(128), 0, 'x'))).status).toBe('MESSAGE_ILLEGAL');
          expect((await store.putMessage(message('T8', 0, 'x', { big: 'p'.repeat(40_000) }))).status).toBe('PROPERTIES_SIZE_EXCEEDED');
          expect((await store.putMessage(message('T8', 0, 'z'.repeat(4097)))).status).toBe('MESSAGE_ILLEGAL');
          expect(store.getMaxOffsetInQueue('T8', 0)).toBe(0);
          expect((await store.putMessage(message('T8', 0, 'ok'))).appended[0]?.queueOffset).toBe(0);
          // 4.9.8 limits the body to maxMessageSize; the record around it may be larger.
          const fullBody = await store.putMessage(message('T8', 0, 'f'.repeat(4096), { k: 'v'.repeat(1000) }));
          expect(fullBody.status).toBe('PUT_OK');
          expect(fullBody.appended[0]?.size).toBeGreaterThan(4096);
        },
        { maxMessageSize: 4096 },
      ));

    it('keeps prepared and rolled-back transaction records out of the consume queue', () =>
      withStore(async (store) => {
        const prepared = { ...message('TX', 0, 'half'), sysFlag: withTransactionType(0, TransactionType.PREPARED) };
        const result = await store.putMessage(prepared);
        expect(result.status).toBe('PUT_OK');
        expect(result.appended[0]?.queueOffset).toBe(0);
        expect(store.getMaxOffsetInQueue('TX', 0)).toBe(0);
        const committed = { ...message('TX', 0, 'commit'), sysFlag: withTransactionType(0, TransactionType.COMMIT) };
        expect((await store.putMessage(committed)).appended[0]?.queueOffset).toBe(0);
        expect(store.getMaxOffsetInQueue('TX', 0)).toBe(1);
      }));

    it('tells listeners about each message once it can be read', () =>
      withStore(async (store) => {
        const arrivals: string[] = [];
        store.onMessageArrived((arrival) => arrivals.push(`${arrival.topic}/${arrival.queueId}@${arrival.queueOffset}:${arrival.tagsCode}`));
        await store.putMessage(message('T9', 3, 'a', { TAGS: 'TagA' }));
        await store.putMessages([message('T9', 3, 'b'), message('T9', 3, 'c')]);
        expect(arrivals).toEqual([`T9/3@0:${tagsCodeOf('TagA')}`, 'T9/3@1:0', 'T9/3@2:0']);
      }));

    it('forgets deleted topics', () =>
      withStore(async (store) => {
        await store.putMessage(message('Gone', 0, 'a'));
        await store.putMessage(message('Kept', 0, 'b'));
        expect(store.queuesOf('Gone')).toEqual([0]);
        await store.deleteTopics(['Gone']);
        expect(store.queuesOf('Gone')).toEqual([]);
        expect(store.getMaxOffsetInQueue('Gone', 0)).toBe(0);
        expect(store.getMaxOffsetInQueue('Kept', 0)).toBe(1);
      }));

    it('shows a consume queue: bounds and units from an index, null entries outside [min, max), null for no queue', () =>
      withStore(async (store) => {
        const put = [];
        for (let i = 0; i < 3; i++) put.push((await store.putMessage(message('CQ', 1, `m${i}`, { TAGS: 'TagQ' }))).appended[0]);
        const slice = await store.readConsumeQueue('CQ', 1, 1, 10);
        expect(slice).toMatchObject({ minOffset: 0, maxOffset: 3 });
        expect(slice?.entries).toEqual(
          put.slice(1).map((appended) => ({ commitLogOffset: appended?.commitLogOffset, size: appended?.size, tagsCode: tagsCodeOf('TagQ') })),
        );
        expect((await store.readConsumeQueue('CQ', 1, 0, 1))?.entries).toHaveLength(1);
        expect((await store.readConsumeQueue('CQ', 1, 0, 0))?.entries).toEqual([]);
        expect(await store.readConsumeQueue('CQ', 1, 3, 10)).toEqual({ minOffset: 0, maxOffset: 3, entries: null });
        expect((await store.readConsumeQueue('CQ', 1, -1, 10))?.entries).toBeNull();
        expect(await store.readConsumeQueue('CQ', 0, 0, 10)).toBeNull();
        expect(await store.readConsumeQueue('Nope', 1, 0, 10)).toBeNull();
      }));

    it('cleans the queues of topics not in use, keeping the schedule topic', () =>
      withStore(async (store) => {
        await store.putMessage(message('Used', 0, 'a'));
        await store.putMessage(message('Unused', 2, 'b'));
        await store.putMessage(message('SCHEDULE_TOPIC_XXXX', 0, 'c'));
        expect(await store.cleanUnusedTopics(new Set(['Used']))).toEqual(['Unused']);
        expect(store.queuesOf('Unused')).toEqual([]);
        expect(store.getMaxOffsetInQueue('Unused', 2)).toBe(0);
        expect(store.queuesOf('Used')).toEqual([0]);
        expect(store.queuesOf('SCHEDULE_TOPIC_XXXX')).toEqual([0]);
        expect((await store.putMessage(message('Unused', 2, 'again'))).appended[0]?.queueOffset).toBe(0);
      }));

    it('keeps every queue whose messages are still in the log when cleaning expired queues', () =>
      withStore(async (store) => {
        await store.putMessage(message('Live', 0, 'a'));
        expect(await store.cleanExpiredConsumeQueues()).toEqual([]);
        expect(store.getMaxOffsetInQueue('Live', 0)).toBe(1);
      }));
  });
}
