import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeBatch } from '../../protocol/message/batch.js';
import { decodeProperties } from '../../protocol/message/properties.js';
import { outgoingBatch, outgoingMessage, sendHeader } from './outgoing-message.js';

const compression = { compressMsgBodyOverHowmuch: 4096, compressLevel: 5 };
const MAX = 4 * 1024 * 1024;
const keys = (() => {
  let n = 0;
  return () => `KEY${n++}`;
})();

describe('a single message on the wire', () => {
  it('carries TAGS, KEYS joined by spaces, DELAY, WAIT, user properties and the UNIQ_KEY', () => {
    const out = outgoingMessage({ topic: 'T', body: 'hi', tags: 'TagA', keys: ['k1', 'k2'], delayTimeLevel: 3, flag: 7, properties: { region: 'eu' } }, 'UNIQ', MAX, compression);
    expect({ ...decodeProperties(out.properties) }).toEqual({ region: 'eu', TAGS: 'TagA', KEYS: 'k1 k2', DELAY: '3', WAIT: 'true', UNIQ_KEY: 'UNIQ' });
    expect(out).toMatchObject({ topic: 'T', uniqueKeys: ['UNIQ'], flag: 7, sysFlag: 0, batch: false });
    expect(out.body.toString()).toBe('hi');
  });

  it('system properties (the inner producer\'s re-send to %RETRY%) keep the UNIQ_KEY; RECONSUME_TIME / MAX_RECONSUME_TIMES become header fields', () => {
    const system = { UNIQ_KEY: 'ORIGINAL', RETRY_TOPIC: 'T', RECONSUME_TIME: '2', MAX_RECONSUME_TIMES: '16', DELAY: '5' };
    const out = outgoingMessage({ topic: '%RETRY%G', body: 'x' }, 'NEW', MAX, compression, system);
    expect({ ...decodeProperties(out.properties) }).toEqual({ WAIT: 'true', UNIQ_KEY: 'ORIGINAL', RETRY_TOPIC: 'T', DELAY: '5' });
    expect(out).toMatchObject({ uniqueKeys: ['ORIGINAL'], reconsumeTimes: 2, maxReconsumeTimes: 16 });
    expect(sendHeader(out, { topic: '%RETRY%G', brokerName: 'b', queueId: 0 }, { producerGroup: 'P', createTopicKey: 'TBW102', defaultTopicQueueNums: 4 }, 1)).toMatchObject({ reconsumeTimes: 2, maxReconsumeTimes: 16 });
    const plain = outgoingMessage({ topic: 'T', body: 'x' }, 'NEW', MAX, compression, { RECONSUME_TIME: '2' });
    expect(plain).toMatchObject({ reconsumeTimes: 0, maxReconsumeTimes: undefined });
    expect(decodeProperties(plain.properties)['RECONSUME_TIME']).toBe('2');
  });

  it('a half message (TRAN_MSG=true among the system properties, any case) gets the PREPARED transaction type, compressed or not', () => {
    const half = outgoingMessage({ topic: 'T', body: 'x' }, 'U', MAX, compression, { TRAN_MSG: 'true', PGROUP: 'PG' });
    expect(half.sysFlag).toBe(0x4);
    expect(decodeProperties(half.properties)).toMatchObject({ TRAN_MSG: 'true', PGROUP: 'PG' });
    expect(outgoingMessage({ topic: 'T', body: Buffer.alloc(5000, 'a') }, 'U', MAX, compression, { TRAN_MSG: 'TRUE' }).sysFlag).toBe(0x301 | 0x4);
    expect(outgoingMessage({ topic: 'T', body: 'x' }, 'U', MAX, compression, { TRAN_MSG: 'false' }).sysFlag).toBe(0);
  });

  it('waitStoreMsgOK=false travels as WAIT=false', () => {
    expect(decodeProperties(outgoingMessage({ topic: 'T', body: 'x', waitStoreMsgOK: false }, 'U', MAX, compression).properties)['WAIT']).toBe('false');
  });

  it('a body under compressMsgBodyOverHowmuch is sent as is', () => {
    const out = outgoingMessage({ topic: 'T', body: Buffer.alloc(4095, 'a') }, 'U', MAX, compression);
    expect(out.sysFlag).toBe(0);
    expect(out.body.length).toBe(4095);
  });

  it('a body of compressMsgBodyOverHowmuch bytes or more is zlib-compressed at the level, with sysFlag 0x301', () => {
    const body = Buffer.alloc(4096, 'a');
    const out = outgoingMessage({ topic: 'T', body }, 'U', MAX, compression);
    expect(out.sysFlag).toBe(0x301);
    expect(out.body.length).toBeLessThan(100);
    expect(inflateSync(out.body)).toEqual(body);
  });

  it('refuses, before anything is sent, a bad topic, an empty or oversized body, and reserved property names', () => {
    expect(() => outgoingMessage({ topic: 'bad topic', body: 'x' }, 'U', MAX, compression)).toThrow(/illegal characters/);
    expect(() => outgoingMessage({ topic: 'T', body: '' }, 'U', MAX, compression)).toThrow(/length is zero/);
    expect(() => outgoingMessage({ topic: 'T', body: Buffer.alloc(11) }, 'U', 10, compression)).toThrow(/MAX: 10/);
    expect(() => outgoingMessage({ topic: 'T', body: 'x', properties: { UNIQ_KEY: 'mine' } }, 'U', MAX, compression)).toThrow(/used by the system/);
    expect(() => outgoingMessage({ topic: 'T', body: 'x', properties: { k: ' ' } }, 'U', MAX, compression)).toThrow(/blank/);
  });
});

describe('a batch on the wire', () => {
  it('encodes each message with its own properties and UNIQ_KEY; the batch itself carries only WAIT', () => {
    const out = outgoingBatch([{ topic: 'T', body: 'one', tags: 'A' }, { topic: 'T', body: 'two', keys: 'k', flag: 3 }], keys, MAX);
    expect(out).toMatchObject({ topic: 'T', batch: true, sysFlag: 0, flag: 0 });
    expect({ ...decodeProperties(out.properties) }).toEqual({ WAIT: 'true' });
    const entries = decodeBatch(out.body);
    expect(entries.map((entry) => entry.body.toString())).toEqual(['one', 'two']);
    expect(entries.map((entry) => entry.flag)).toEqual([0, 3]);
    expect({ ...entries[0]?.properties }).toEqual({ TAGS: 'A', WAIT: 'true', UNIQ_KEY: out.uniqueKeys[0] });
    expect({ ...entries[1]?.properties }).toEqual({ KEYS: 'k', WAIT: 'true', UNIQ_KEY: out.uniqueKeys[1] });
  });

  it('is never compressed, however large', () => {
    expect(outgoingBatch([{ topic: 'T', body: Buffer.alloc(10_000, 'a') }], keys, MAX).sysFlag).toBe(0);
  });

  it('refuses mixed topics, delayed messages, retry topics, mixed waitStoreMsgOK and an empty list', () => {
    expect(() => outgoingBatch([{ topic: 'T', body: 'a' }, { topic: 'U', body: 'b' }], keys, MAX)).toThrow(/topic of the messages in one batch should be the same/);
    expect(() => outgoingBatch([{ topic: 'T', body: 'a', delayTimeLevel: 1 }], keys, MAX)).toThrow(/delay level is not supported/);
    expect(() => outgoingBatch([{ topic: '%RETRY%G', body: 'a' }], keys, MAX)).toThrow(/retry group topic/);
    expect(() => outgoingBatch([{ topic: 'T', body: 'a' }, { topic: 'T', body: 'b', waitStoreMsgOK: false }], keys, MAX)).toThrow(/waitStoreMsgOK/);
    expect(() => outgoingBatch([], keys, MAX)).toThrow(/at least one message/);
  });

  it('refuses a batch whose encoding exceeds maxMessageSize although each body fits', () => {
    expect(() => outgoingBatch([{ topic: 'T', body: Buffer.alloc(60) }, { topic: 'T', body: Buffer.alloc(60) }], keys, 100)).toThrow(/MAX: 100/);
  });
});

describe('the send header', () => {
  it('names the group, topic, template topic, queue, flags and broker as the 4.9.8 Java client does', () => {
    const out = outgoingMessage({ topic: 'T', body: 'x', tags: 'A' }, 'U', MAX, compression);
    const header = sendHeader(out, { topic: 'T', brokerName: 'broker-a', queueId: 2 }, { producerGroup: 'PG', createTopicKey: 'TBW102', defaultTopicQueueNums: 4 }, 1700000000000);
    expect(header).toEqual({
      producerGroup: 'PG',
      topic: 'T',
      defaultTopic: 'TBW102',
      defaultTopicQueueNums: 4,
      queueId: 2,
      sysFlag: 0,
      bornTimestamp: 1700000000000,
      flag: 0,
      properties: out.properties,
      reconsumeTimes: 0,
      unitMode: false,
      batch: false,
      bname: 'broker-a',
    });
  });
});
