import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageBodyCrc } from '../../common/crc32.js';
import { isRocketMQError } from '../../common/errors.js';
import {
  BLANK_MAGIC_CODE,
  MESSAGE_MAGIC_CODE_V1,
  MESSAGE_MAGIC_CODE_V2,
  RecordPosition,
  RecordPositionIPv4,
  decodeMessageRecord,
  decodeMessageRecords,
  encodeMessageRecord,
  encodedMessageRecordSize,
  messageRecordSize,
  variableRecordPositions,
  withHostFlags,
  writeMessageRecord,
  type MessageRecordFields,
} from './message-record.js';
import { encodePropertiesBytes, toMessageProperties, type MessageProperties } from './properties.js';
import { formatIp } from './socket-address.js';
import { MessageSysFlag } from './sys-flag.js';

const malformed = expect.objectContaining({ code: 'MESSAGE_MALFORMED' });

type EncodableRecord = MessageRecordFields & { properties: MessageProperties };

/** The record of the worked example in the protocol reference (§4.1): a 206-byte pull record. */
function helloRecord(overrides: Partial<EncodableRecord> = {}): EncodableRecord {
  const body = Buffer.from('hello-1');
  return {
    bodyCrc: messageBodyCrc(body),
    queueId: 1,
    flag: 0,
    queueOffset: 0,
    commitLogOffset: 0,
    sysFlag: 0,
    bornTimestamp: 0x1a20e63034e,
    bornHost: { host: '127.0.0.1', port: 55908 },
    storeTimestamp: 0x1a20e63037a,
    storeHost: { host: '127.0.0.1', port: 20911 },
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
    body,
    topic: 'TopicTest',
    properties: toMessageProperties({ p: 'x'.repeat(97) }),
    ...overrides,
  };
}

const HELLO_HEX =
  '000000ce daa320a7 6241472a 00000001 00000000 0000000000000000 0000000000000000 00000000 000001a20e63034e 7f000001 0000da64 ' +
  '000001a20e63037a 7f000001 000051af 00000000 0000000000000000 00000007 68656c6c6f2d31 09 546f70696354657374 0063';

/** `record` re-laid-out as a 5.x V2 record (2-byte topic length). */
function asV2(encoded: Buffer, topicLengthAt: number): Buffer {
  const v2 = Buffer.concat([encoded.subarray(0, topicLengthAt), Buffer.alloc(2), encoded.subarray(topicLengthAt + 1)]);
  v2.writeInt32BE(v2.length, 0);
  v2.writeUInt32BE(MESSAGE_MAGIC_CODE_V2, 4);
  v2.writeInt16BE(encoded.readInt8(topicLengthAt), topicLengthAt);
  return v2;
}

describe('record layout', () => {
  it('encodes the worked example of the protocol reference byte for byte', () => {
    const encoded = encodeMessageRecord(helloRecord());
    expect(encoded.length).toBe(206);
    expect(encoded.subarray(0, 206 - 99).toString('hex')).toBe(HELLO_HEX.replaceAll(' ', ''));
    expect(encoded.subarray(206 - 99).toString()).toBe(`p\u0001${'x'.repeat(97)}`);
  });

  it('has the magic codes of RocketMQ (V1, 5.x V2, end-of-file blank)', () => {
    expect(MESSAGE_MAGIC_CODE_V1 | 0).toBe(-626843481);
    expect(MESSAGE_MAGIC_CODE_V2 | 0).toBe(-626843477);
    expect(BLANK_MAGIC_CODE | 0).toBe(-875286124);
  });

  it('names the field positions the store reads directly', () => {
    expect(RecordPosition).toMatchObject({ MAGICCODE: 4, BODYCRC: 8, QUEUEID: 12, FLAG: 16, QUEUEOFFSET: 20, PHYSICALOFFSET: 28, SYSFLAG: 36, BORNTIMESTAMP: 40, BORNHOST: 48 });
    expect(RecordPositionIPv4).toEqual({ STORETIMESTAMP: 56, STOREHOST: 64, RECONSUMETIMES: 72, PREPAREDTRANSACTIONOFFSET: 76, BODYLENGTH: 84, BODY: 88 });
    expect(variableRecordPositions(MessageSysFlag.BORNHOST_V6)).toMatchObject({ STORETIMESTAMP: 68, STOREHOST: 76, BODY: 100 });
    expect(variableRecordPositions(MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6).BODY).toBe(112);
  });

  it('sizes a record as 91 + body + topic + properties, plus 12 per IPv6 host', () => {
    expect(messageRecordSize(0, 7, 9, 99)).toBe(206);
    expect(messageRecordSize(MessageSysFlag.BORNHOST_V6, 0, 1, 0)).toBe(104);
    expect(messageRecordSize(MessageSysFlag.BORNHOST_V6 | MessageSysFlag.STOREHOST_V6, 0, 1, 0)).toBe(116);
    expect(encodedMessageRecordSize(helloRecord(), 99)).toBe(206);
  });

  it('sets the IPv6 bits from the hosts', () => {
    const v6 = { host: '2001:db8::1', port: 1 };
    const v4 = { host: '10.0.0.1', port: 1 };
    expect(withHostFlags(0x301, v6, v4)).toBe(0x301 | MessageSysFlag.BORNHOST_V6);
    expect(withHostFlags(0x30, v4, v6)).toBe(MessageSysFlag.STOREHOST_V6);
    expect(withHostFlags(0x30, { host: '::ffff:1.2.3.4', port: 1 }, v4)).toBe(0);
  });
});

describe('encoding', () => {
  it('writes into a caller buffer at an offset and returns the bytes written', () => {
    const record = helloRecord();
    const target = Buffer.alloc(300, 0xee);
    expect(writeMessageRecord(target, 10, record, encodePropertiesBytes(record.properties))).toBe(206);
    expect(target.subarray(10, 216)).toEqual(encodeMessageRecord(record));
    expect(target[9]).toBe(0xee);
    expect(target[216]).toBe(0xee);
  });

  it('throws a RangeError, writing nothing, when the caller buffer is too small', () => {
    const target = Buffer.alloc(205, 0xee);
    expect(() => writeMessageRecord(target, 0, helloRecord(), Buffer.alloc(99))).toThrow(RangeError);
    expect(target.every((byte) => byte === 0xee)).toBe(true);
  });

  it('writes the IPv6 hosts in 16 bytes when the flags say so', () => {
    const bornHost = { host: '2001:db8::1', port: 1234 };
    const storeHost = { host: 'fe80::2', port: 10911 };
    const record = helloRecord({ bornHost, storeHost, sysFlag: withHostFlags(0, bornHost, storeHost) });
    const encoded = encodeMessageRecord(record);
    expect(encoded.length).toBe(206 + 24);
    expect(encoded.subarray(48, 64).toString('hex')).toBe('20010db8000000000000000000000001');
    expect(decodeMessageRecord(encoded).record).toMatchObject({ bornHost, storeHost });
  });

  it('writes an IPv4 host IPv4-mapped when its IPv6 bit is set, and reads it back as IPv4', () => {
    const record = helloRecord({ sysFlag: MessageSysFlag.BORNHOST_V6 });
    const encoded = encodeMessageRecord(record);
    expect(encoded.subarray(48, 68).toString('hex')).toBe('00000000000000000000ffff7f0000010000da64');
    expect(decodeMessageRecord(encoded).record.bornHost).toEqual(record.bornHost);
  });

  it('refuses an IPv6 host whose IPv6 bit is not set', () => {
    expect(() => encodeMessageRecord(helloRecord({ storeHost: { host: '::1', port: 1 } }))).toThrow(/sysFlag does not mark it/);
  });

  it('refuses offsets and timestamps that are not safe integers', () => {
    for (const field of ['queueOffset', 'commitLogOffset', 'bornTimestamp', 'storeTimestamp', 'preparedTransactionOffset'] as const) {
      expect(() => encodeMessageRecord(helloRecord({ [field]: 2 ** 53 }))).toThrow(malformed);
      expect(() => encodeMessageRecord(helloRecord({ [field]: 1.5 }))).toThrow(malformed);
    }
  });

  it('refuses int32 fields out of range', () => {
    expect(() => encodeMessageRecord(helloRecord({ queueId: 2 ** 31 }))).toThrow(malformed);
    expect(() => encodeMessageRecord(helloRecord({ flag: -(2 ** 31) - 1 }))).toThrow(malformed);
  });

  it('refuses an empty topic and one over 127 bytes, and properties over 32767 bytes', () => {
    expect(() => encodeMessageRecord(helloRecord({ topic: '' }))).toThrow(malformed);
    expect(() => encodeMessageRecord(helloRecord({ topic: 'é'.repeat(64) }))).toThrow(/128 bytes/);
    expect(encodeMessageRecord(helloRecord({ topic: 'T'.repeat(127) })).length).toBe(206 + 118);
    expect(() => encodeMessageRecord(helloRecord({ properties: toMessageProperties({ big: 'x'.repeat(32764) }) }))).toThrow(malformed);
  });

  it('keeps negative offsets and timestamps as Java longs', () => {
    const record = helloRecord({ queueOffset: -1, bornTimestamp: -(2 ** 53 - 1), preparedTransactionOffset: 2 ** 53 - 1 });
    expect(decodeMessageRecord(encodeMessageRecord(record)).record).toMatchObject({ queueOffset: -1, bornTimestamp: -(2 ** 53 - 1), preparedTransactionOffset: 2 ** 53 - 1 });
  });
});

describe('decoding', () => {
  it('reads back every field, the size and the magic code', () => {
    const record = helloRecord({ flag: -5, reconsumeTimes: 3, sysFlag: 0x8, commitLogOffset: 4096 });
    const decoded = decodeMessageRecord(encodeMessageRecord(record));
    expect(decoded.size).toBe(206);
    expect(decoded.magicCode).toBe(MESSAGE_MAGIC_CODE_V1);
    expect(decoded.propertiesBytes).toEqual(encodePropertiesBytes(record.properties));
    expect(decoded.record).toEqual({ ...record, storeSize: 206 });
  });

  it('reads a record at an offset and gives a body that is a view into the source', () => {
    const source = Buffer.concat([Buffer.alloc(3), encodeMessageRecord(helloRecord())]);
    const { record } = decodeMessageRecord(source, 3);
    expect(record.body.buffer).toBe(source.buffer);
    expect(record.body.toString()).toBe('hello-1');
  });

  it('reads a 5.x V2 record with its 2-byte topic length', () => {
    const v2 = asV2(encodeMessageRecord(helloRecord()), 88 + 7);
    const decoded = decodeMessageRecord(v2);
    expect(decoded.magicCode).toBe(MESSAGE_MAGIC_CODE_V2);
    expect(decoded.size).toBe(207);
    expect(decoded.record.topic).toBe('TopicTest');
  });

  it('reads concatenated records until the data ends', () => {
    const records = [helloRecord(), helloRecord({ queueOffset: 1, commitLogOffset: 206, body: Buffer.from('hello-2') })];
    const decoded = decodeMessageRecords(Buffer.concat(records.map(encodeMessageRecord)));
    expect(decoded.map((record) => [record.queueOffset, record.body.toString()])).toEqual([
      [0, 'hello-1'],
      [1, 'hello-2'],
    ]);
    expect(decodeMessageRecords(Buffer.alloc(0))).toEqual([]);
  });

  it('shares one frozen host object per address and one topic string across the records it decodes', () => {
    const records = [
      helloRecord(),
      helloRecord({ queueOffset: 1, commitLogOffset: 206 }),
      helloRecord({ queueOffset: 2, commitLogOffset: 412, bornHost: { host: '10.0.0.7', port: 1234 }, topic: 'OtherTopic' }),
      helloRecord({ queueOffset: 3, commitLogOffset: 618 }),
    ];
    const [first, second, third, fourth] = decodeMessageRecords(Buffer.concat(records.map(encodeMessageRecord)));
    expect(second?.bornHost).toBe(first?.bornHost);
    expect(second?.storeHost).toBe(first?.storeHost);
    expect(fourth?.bornHost).toBe(first?.bornHost);
    expect(third?.bornHost).toEqual({ host: '10.0.0.7', port: 1234 });
    expect(third?.storeHost).toBe(first?.storeHost);
    expect([first?.topic, second?.topic, third?.topic, fourth?.topic]).toEqual(['TopicTest', 'TopicTest', 'OtherTopic', 'TopicTest']);
    expect(Object.isFrozen(first?.bornHost)).toBe(true);
    expect(Object.isFrozen(first?.storeHost)).toBe(true);
  });

  it('decodes one record and a run of records alike, field for field and key order included', () => {
    const records = [helloRecord({ sysFlag: MessageSysFlag.BORNHOST_V6, bornHost: { host: '::1', port: 7 } }), helloRecord({ queueOffset: 1, commitLogOffset: 206 })];
    const encoded = records.map(encodeMessageRecord);
    const run = decodeMessageRecords(Buffer.concat(encoded));
    const alone = encoded.map((bytes) => decodeMessageRecord(bytes).record);
    expect(run).toEqual(alone);
    expect(run.map((record) => Object.keys(record))).toEqual(alone.map((record) => Object.keys(record)));
    expect(run[0]).toEqual({ ...records[0], storeSize: encoded[0]?.length });
  });

  it('refuses a bad magic code, including the end-of-file blank', () => {
    const encoded = encodeMessageRecord(helloRecord());
    encoded.writeUInt32BE(BLANK_MAGIC_CODE, 4);
    expect(() => decodeMessageRecord(encoded)).toThrow(/bad magic code 0xcbd43194/);
  });

  it('refuses a TOTALSIZE beyond the data, below the head, or not filled exactly by the fields', () => {
    const encoded = encodeMessageRecord(helloRecord());
    for (const size of [207, 7, -1, 205]) {
      const copy = Buffer.from(encoded);
      copy.writeInt32BE(size, 0);
      expect(() => decodeMessageRecord(copy), String(size)).toThrow(malformed);
    }
    const padded = Buffer.concat([encoded, Buffer.alloc(4)]);
    padded.writeInt32BE(210, 0);
    expect(() => decodeMessageRecord(padded)).toThrow(/TOTALSIZE is 210/);
  });

  it('refuses a topic length of zero or less', () => {
    for (const length of [0, -1]) {
      const encoded = encodeMessageRecord(helloRecord());
      encoded.writeInt8(length, 95);
      expect(() => decodeMessageRecord(encoded)).toThrow(/topic length/);
    }
  });

  it('refuses a negative body or properties length', () => {
    const negativeBody = encodeMessageRecord(helloRecord());
    negativeBody.writeInt32BE(-1, 84);
    expect(() => decodeMessageRecord(negativeBody)).toThrow(/BODYLENGTH -1 is negative/);
    const negativeProperties = encodeMessageRecord(helloRecord());
    negativeProperties.writeInt16BE(-1, 105);
    expect(() => decodeMessageRecord(negativeProperties)).toThrow(/PROPERTIESLENGTH -1 is negative/);
  });

  it('refuses a 64-bit field beyond the safe integer range', () => {
    const encoded = encodeMessageRecord(helloRecord());
    encoded.writeUInt32BE(0x00400000, RecordPosition.QUEUEOFFSET);
    expect(() => decodeMessageRecord(encoded)).toThrow(/QUEUEOFFSET .* safe integer/);
  });

  it('refuses a host port outside 0..65535', () => {
    const encoded = encodeMessageRecord(helloRecord());
    encoded.writeInt32BE(-1, RecordPosition.BORNHOST + 4);
    expect(() => decodeMessageRecord(encoded)).toThrow(/BORNHOST/);
  });

  it('refuses an offset outside the data', () => {
    expect(() => decodeMessageRecord(Buffer.alloc(3))).toThrow(malformed);
    expect(() => decodeMessageRecord(encodeMessageRecord(helloRecord()), 206)).toThrow(malformed);
  });
});

describe('records (property-based)', () => {
  const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
  const safe = fc.maxSafeInteger();
  const host = fc.oneof(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.uint8Array({ minLength: 16, maxLength: 16 })).map(formatIp);
  const address = fc.record({ host, port: fc.integer({ min: 0, max: 65535 }) });
  const text = (maxLength: number) => fc.string({ unit: 'binary', minLength: 1, maxLength }).filter((value) => !value.includes('\u0001') && !value.includes('\u0002'));
  const properties = fc.uniqueArray(fc.tuple(text(10), text(20)), { selector: ([name]) => name, maxLength: 8 }).map((pairs) => toMessageProperties(Object.fromEntries(pairs)));
  const records: fc.Arbitrary<EncodableRecord> = fc
    .record({
      bodyCrc: int32,
      queueId: int32,
      flag: int32,
      queueOffset: safe,
      commitLogOffset: safe,
      sysFlag: int32,
      bornTimestamp: safe,
      bornHost: address,
      storeTimestamp: safe,
      storeHost: address,
      reconsumeTimes: int32,
      preparedTransactionOffset: safe,
      body: fc.uint8Array({ maxLength: 100 }).map((bytes) => Buffer.from(bytes)),
      topic: text(30),
      properties,
    })
    .map((record) => ({ ...record, sysFlag: record.sysFlag | withHostFlags(0, record.bornHost, record.storeHost) }));

  const expectOnlyMalformed = (decode: () => unknown) => {
    try {
      decode();
    } catch (error) {
      if (!isRocketMQError(error, 'MESSAGE_MALFORMED')) throw error;
    }
  };

  it('round-trips any fields, IPv6 hosts and every sysFlag bit included', () => {
    fc.assert(
      fc.property(records, (record) => {
        const encoded = encodeMessageRecord(record);
        const decoded = decodeMessageRecord(encoded);
        expect(decoded.size).toBe(encoded.length);
        expect(decoded.record).toEqual({ ...record, storeSize: encoded.length });
        expect(Object.entries(decoded.record.properties)).toEqual(Object.entries(record.properties));
      }),
    );
  });

  it('decoding random bytes throws only MESSAGE_MALFORMED', () => {
    const sized = fc.uint8Array({ minLength: 4, maxLength: 300 }).map((bytes) => {
      const buffer = Buffer.from(bytes);
      buffer.writeInt32BE(buffer.length, 0);
      if (buffer.length >= 8) buffer.writeUInt32BE(MESSAGE_MAGIC_CODE_V1, 4);
      return buffer;
    });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)), sized), (bytes) => {
        expectOnlyMalformed(() => decodeMessageRecords(bytes));
      }),
    );
  });

  it('every truncation of a valid record throws MESSAGE_MALFORMED, with or without a matching TOTALSIZE', () => {
    fc.assert(
      fc.property(records, fc.nat(), fc.boolean(), (record, cut, fixSize) => {
        const encoded = encodeMessageRecord(record);
        const truncated = Buffer.from(encoded.subarray(0, cut % encoded.length));
        if (fixSize && truncated.length >= 4) truncated.writeInt32BE(truncated.length, 0);
        expect(() => decodeMessageRecord(truncated)).toThrow(malformed);
      }),
    );
  });

  it('decoding a valid record with damaged bytes throws only MESSAGE_MALFORMED', () => {
    fc.assert(
      fc.property(records, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), (record, edits) => {
        const encoded = encodeMessageRecord(record);
        for (const [at, value] of edits) encoded[at % encoded.length] = value;
        expectOnlyMalformed(() => decodeMessageRecords(encoded));
      }),
    );
  });
});
