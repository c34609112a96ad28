import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import {
  decodeRegisterBrokerBody,
  encodeRegisterBrokerBody,
  encodeRegisterBrokerBodyCompressed,
  type RegisterBrokerBody,
} from './register-broker-body.js';
import { topicConfig, type TopicConfig } from './topic-config.js';

const sample: RegisterBrokerBody = {
  topicConfigSerializeWrapper: {
    dataVersion: { counter: 3, timestamp: 1700000000000 },
    topicConfigTable: new Map([
      ['T1', topicConfig('T1', { readQueueNums: 4, writeQueueNums: 4 })],
      ['%RETRY%G1', topicConfig('%RETRY%G1', { readQueueNums: 1, writeQueueNums: 1, topicFilterType: 'MULTI_TAG' })],
    ]),
  },
  filterServerList: ['127.0.0.1:30000'],
};

describe('RegisterBrokerBody', () => {
  it('writes the JSON form in fastjson property order', () => {
    expect(encodeRegisterBrokerBody(sample).toString('utf8')).toBe(
      '{"filterServerList":["127.0.0.1:30000"],"topicConfigSerializeWrapper":{"dataVersion":{"counter":3,"timestamp":1700000000000},' +
        '"topicConfigTable":{"T1":{"order":false,"perm":6,"readQueueNums":4,"topicFilterType":"SINGLE_TAG","topicName":"T1","topicSysFlag":0,"writeQueueNums":4},' +
        '"%RETRY%G1":{"order":false,"perm":6,"readQueueNums":1,"topicFilterType":"MULTI_TAG","topicName":"%RETRY%G1","topicSysFlag":0,"writeQueueNums":1}}}}',
    );
    expect(decodeRegisterBrokerBody(encodeRegisterBrokerBody(sample))).toEqual(sample);
  });

  it('reads the bare TopicConfigSerializeWrapper of brokers older than V3_0_11', () => {
    const old = '{"dataVersion":{"counter":3,"timestamp":1700000000000},"topicConfigTable":{"T1":{"topicName":"T1","readQueueNums":4,"writeQueueNums":4}}}';
    expect(decodeRegisterBrokerBody(old)).toEqual({
      topicConfigSerializeWrapper: {
        dataVersion: { counter: 3, timestamp: 1700000000000 },
        topicConfigTable: new Map([['T1', topicConfig('T1', { readQueueNums: 4, writeQueueNums: 4 })]]),
      },
      filterServerList: [],
    });
  });

  it('writes the compressed form as Java lays it out inside the zlib stream', () => {
    const raw = inflateSync(encodeRegisterBrokerBodyCompressed(sample));
    const version = '{"counter":3,"timestamp":1700000000000}';
    let at = 0;
    const int = (): number => {
      const value = raw.readInt32BE(at);
      at += 4;
      return value;
    };
    const text = (): string => {
      const length = int();
      at += length;
      return raw.toString('utf8', at - length, at);
    };
    expect(text()).toBe(version);
    expect(int()).toBe(2);
    expect(text()).toBe('T1 4 4 6 SINGLE_TAG');
    expect(text()).toBe('%RETRY%G1 1 1 6 MULTI_TAG');
    expect(text()).toBe('["127.0.0.1:30000"]');
    expect(at).toBe(raw.length);
  });

  it('round-trips the compressed form (the compact text carries no topicSysFlag or order)', () => {
    const name = fc.stringMatching(/^[%|a-zA-Z0-9_-]{1,20}$/);
    const config = fc.record({
      topicName: name,
      readQueueNums: fc.integer({ min: 0, max: 1024 }),
      writeQueueNums: fc.integer({ min: 0, max: 1024 }),
      perm: fc.integer({ min: 0, max: 7 }),
      topicFilterType: fc.constantFrom('SINGLE_TAG' as const, 'MULTI_TAG' as const),
      topicSysFlag: fc.constant(0),
      order: fc.constant(false),
    });
    const body = fc.record({
      topicConfigSerializeWrapper: fc.record({
        dataVersion: fc.record({ counter: fc.nat(), timestamp: fc.nat() }),
        topicConfigTable: fc
          .uniqueArray(config, { selector: (c) => c.topicName, maxLength: 30 })
          .map((configs) => new Map<string, TopicConfig>(configs.map((c) => [c.topicName, c]))),
      }),
      filterServerList: fc.array(fc.string(), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(body, (value) => {
        expect(decodeRegisterBrokerBody(encodeRegisterBrokerBody(value, true), true)).toEqual(value);
      }),
    );
  });

  it('loses topicSysFlag and order in the compressed form, as Java does', () => {
    const ordered: RegisterBrokerBody = {
      ...sample,
      topicConfigSerializeWrapper: {
        ...sample.topicConfigSerializeWrapper,
        topicConfigTable: new Map([['O', topicConfig('O', { order: true, topicSysFlag: 1 })]]),
      },
    };
    const again = decodeRegisterBrokerBody(encodeRegisterBrokerBody(ordered, true), true);
    expect(again.topicConfigSerializeWrapper.topicConfigTable.get('O')).toEqual(topicConfig('O'));
  });

  it.each([
    ['not zlib', Buffer.from('plain text')],
    ['truncated', encodeRegisterBrokerBodyCompressed(sample).subarray(0, 20)],
    ['empty stream', Buffer.from([0x78, 0xda, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])],
  ])('rejects a compressed body that is %s with BODY_MALFORMED', (_what, bytes) => {
    let error: unknown = null;
    try {
      decodeRegisterBrokerBody(bytes, true);
    } catch (caught) {
      error = caught;
    }
    expect(isRocketMQError(error, 'BODY_MALFORMED')).toBe(true);
  });
});
