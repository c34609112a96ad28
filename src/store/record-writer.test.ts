import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeMessageRecord } from '../protocol/message/message-record.js';
import { toMessageProperties } from '../protocol/message/properties.js';
import { formatIp } from '../protocol/message/socket-address.js';
import type { MessageToStore } from './message-store.js';
import { isRefusal, prepareRecord, writePreparedRecord, type PreparedRecord } from './prepared-record.js';

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const safe = fc.maxSafeInteger();
const ip = fc.oneof(
  fc.uint8Array({ minLength: 4, maxLength: 4 }),
  fc.uint8Array({ minLength: 16, maxLength: 16 }),
  fc.uint8Array({ minLength: 4, maxLength: 4 }).map((v4) => Uint8Array.from([...new Array<number>(10).fill(0), 0xff, 0xff, ...v4])),
);
const address = fc.record({ host: ip.map(formatIp), port: fc.integer({ min: 0, max: 65535 }) });
const text = (maxLength: number) => fc.string({ unit: 'binary', minLength: 1, maxLength }).filter((value) => !value.includes('\u0001') && !value.includes('\u0002'));
const topic = text(40).filter((value) => Buffer.byteLength(value) <= 127);
const properties = fc.uniqueArray(fc.tuple(text(10), text(20)), { selector: ([name]) => name, maxLength: 6 }).map((pairs) => toMessageProperties(Object.fromEntries(pairs)));

const messages: fc.Arbitrary<MessageToStore> = fc.record({
  topic,
  queueId: int32,
  flag: int32,
  body: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
  properties,
  sysFlag: int32,
  bornTimestamp: safe,
  bornHost: address,
  storeHost: address,
  reconsumeTimes: int32,
  preparedTransactionOffset: safe,
});

function prepared(message: MessageToStore): PreparedRecord {
  const result = prepareRecord(message, 1 << 20);
  if (isRefusal(result)) throw new Error(`refused: ${result.remark ?? ''}`);
  return result;
}

describe('the put path’s record writer', () => {
  it('writes exactly the bytes of encodeMessageRecord, IPv6 and IPv4-mapped hosts included', () => {
    fc.assert(
      fc.property(messages, safe, safe, safe, fc.nat(64), (message, queueOffset, commitLogOffset, storeTimestamp, at) => {
        const record = prepared(message);
        const target = Buffer.alloc(at + record.size + 8, 0xee);
        writePreparedRecord(target, at, record, commitLogOffset, queueOffset, storeTimestamp);
        const expected = encodeMessageRecord({ ...message, sysFlag: record.sysFlag, bodyCrc: record.bodyCrc, queueOffset, commitLogOffset, storeTimestamp });
        expect(record.size).toBe(expected.length);
        expect(target.subarray(at, at + record.size).equals(expected)).toBe(true);
        expect(target.subarray(at + record.size).every((byte) => byte === 0xee)).toBe(true);
      }),
    );
  });

  it('refuses, before anything is written, fields a record cannot hold', () => {
    const valid: MessageToStore = {
      topic: 'T',
      queueId: 0,
      flag: 0,
      body: Buffer.from('x'),
      properties: {},
      sysFlag: 0,
      bornTimestamp: 1,
      bornHost: { host: '127.0.0.1', port: 1 },
      storeHost: { host: '127.0.0.1', port: 2 },
      reconsumeTimes: 0,
      preparedTransactionOffset: 0,
    };
    const invalid: Partial<MessageToStore>[] = [
      { queueId: 2 ** 31 },
      { flag: 1.5 },
      { reconsumeTimes: -(2 ** 31) - 1 },
      { bornTimestamp: Number.NaN },
      { preparedTransactionOffset: 2 ** 60 },
      { bornHost: { host: 'not-an-ip', port: 1 } },
      { storeHost: { host: '127.0.0.1', port: 70000 } },
    ];
    for (const fields of invalid) {
      const result = prepareRecord({ ...valid, ...fields }, 1 << 20);
      expect(isRefusal(result) && result.status).toBe('MESSAGE_ILLEGAL');
    }
    expect(isRefusal(prepareRecord(valid, 1 << 20))).toBe(false);
  });
});
