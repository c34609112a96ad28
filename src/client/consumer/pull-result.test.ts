import { describe, expect, it } from 'vitest';
import { compressBody } from '../../protocol/message/compression.js';
import { decodeMessageRecords, encodeMessageRecord, type MessageRecord, type MessageRecordFields } from '../../protocol/message/message-record.js';
import { withCompression } from '../../protocol/message/sys-flag.js';
import { messageExtOfRecord } from '../message/message-ext.js';
import { buildSubscriptionData } from './subscription.js';
import { pullResultOfAnswer } from './pull-result.js';

const mq = { topic: 'T', brokerName: 'broker-a', queueId: 1 };
const header = { suggestWhichBrokerId: 0, nextBeginOffset: 12, minOffset: 0, maxOffset: 20 };

function record(queueOffset: number, tags: string | undefined, body: Buffer = Buffer.from(`m${queueOffset}`), sysFlag = 0): Buffer {
  const fields: MessageRecordFields = {
    bodyCrc: 0,
    queueId: 1,
    flag: 0,
    queueOffset,
    commitLogOffset: 1000 + queueOffset,
    sysFlag,
    bornTimestamp: 1,
    bornHost: { host: '10.0.0.9', port: 5555 },
    storeTimestamp: 2,
    storeHost: { host: '127.0.0.1', port: 20911 },
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    body,
    topic: 'T',
  };
  const properties: Record<string, string> = tags === undefined ? { UNIQ_KEY: `U${queueOffset}` } : { TAGS: tags };
  return encodeMessageRecord({ ...fields, properties });
}

describe('pull results from pull answers', () => {
  it('FOUND: records decoded, re-filtered by tag, stamped with the answer\'s min/max offsets and the broker', () => {
    const body = Buffer.concat([record(10, 'TagA'), record(11, 'TagC')]);
    const result = pullResultOfAnswer({ code: 0, header, body }, mq, buildSubscriptionData('T', 'TagA', 1));
    expect(result).toMatchObject({ pullStatus: 'FOUND', nextBeginOffset: 12, minOffset: 0, maxOffset: 20 });
    expect(result.msgFoundList.map((m) => m.queueOffset)).toEqual([10]);
    const [message] = result.msgFoundList;
    expect(message).toMatchObject({ topic: 'T', tags: 'TagA', brokerName: 'broker-a', msgId: '7F000001000051AF00000000000003F2', offsetMsgId: '7F000001000051AF00000000000003F2' });
    expect({ ...message?.properties }).toEqual({ TAGS: 'TagA', MIN_OFFSET: '0', MAX_OFFSET: '20' });
  });

  it('a pulled message has the fields of any decoded message, the same for every message, with its broker name', () => {
    const body = Buffer.concat([record(10, 'TagA'), record(11, undefined)]);
    const [first, second] = pullResultOfAnswer({ code: 0, header, body }, mq, buildSubscriptionData('T', '*', 1)).msgFoundList;
    const [decoded] = decodeMessageRecords(record(10, 'TagA'));
    expect(Object.keys(first ?? {})).toEqual(Object.keys(messageExtOfRecord(decoded as MessageRecord)));
    expect(Object.keys(second ?? {})).toEqual(Object.keys(first ?? {}));
    expect([first?.brokerName, second?.brokerName]).toEqual([mq.brokerName, mq.brokerName]);
  });

  it('the message id is the UNIQ_KEY when the producer set one', () => {
    const result = pullResultOfAnswer({ code: 0, header, body: record(3, undefined) }, mq, buildSubscriptionData('T', '*', 1));
    expect(result.msgFoundList[0]?.msgId).toBe('U3');
  });

  it('compressed bodies are decompressed', () => {
    const plain = Buffer.alloc(5000, 'z');
    const result = pullResultOfAnswer({ code: 0, header, body: record(4, undefined, compressBody(plain), withCompression(0, 'ZLIB')) }, mq, buildSubscriptionData('T', '*', 1));
    expect(result.msgFoundList[0]?.body).toEqual(plain);
  });

  it.each([
    [19, 'NO_NEW_MSG'],
    [20, 'NO_MATCHED_MSG'],
    [21, 'OFFSET_ILLEGAL'],
  ])('code %i is %s with no messages', (code, status) => {
    expect(pullResultOfAnswer({ code, header, body: null }, mq, buildSubscriptionData('T', '*', 1))).toEqual({ pullStatus: status, ...header, msgFoundList: [] });
  });
});
