import { describe, expect, it } from 'vitest';
import { encodeMessageRecord, decodeMessageRecord, type MessageRecord } from '../../protocol/message/message-record.js';
import { toMessageProperties } from '../../protocol/message/properties.js';
import { DelayLevels } from '../../store/delay-levels.js';
import type { MessageToStore } from '../../store/message-store.js';
import { toScheduleTopic } from '../send/message-rewrites.js';
import { fromScheduleTopic } from './delivered-message.js';

const levels = new DelayLevels('1s 5s 10s');
const host = { host: '127.0.0.1', port: 33640 };

function message(properties: Record<string, string>, sysFlag = 0): MessageToStore {
  return {
    topic: 'TopicB',
    queueId: 2,
    flag: 7,
    body: Buffer.from('hello'),
    properties: toMessageProperties(properties),
    sysFlag,
    bornTimestamp: 1795540428384,
    bornHost: host,
    storeHost: { host: '127.0.0.1', port: 30911 },
    reconsumeTimes: 3,
    preparedTransactionOffset: 0,
  };
}

/** The message as the put path stores it in SCHEDULE_TOPIC_XXXX. */
function scheduled(toStore: MessageToStore, level: number): MessageToStore {
  toScheduleTopic(toStore, level, levels);
  return toStore;
}

function stored(toStore: MessageToStore): MessageRecord {
  const bytes = encodeMessageRecord({
    ...toStore,
    bodyCrc: 0,
    queueOffset: 4,
    commitLogOffset: 1000,
    storeTimestamp: 1795540429430,
  });
  return decodeMessageRecord(bytes).record;
}

describe('DelayLevels (ms extension)', () => {
  it('reads ms next to the Java units', () => {
    const custom = new DelayLevels('100ms 2s 1m');
    expect([1, 2, 3].map((level) => custom.delayMs(level))).toEqual([100, 2000, 60_000]);
    expect(() => new DelayLevels('100us')).toThrow(/ms, s, m, h or d/);
  });
});

describe('fromScheduleTopic (delivery of a due message)', () => {
  it('stores into REAL_TOPIC / REAL_QID with the body, flag, sysFlag, born info and reconsume times of the original', () => {
    const record = stored(scheduled(message({ DELAY: '1', TAGS: 'TagC', WAIT: 'true', KEYS: 'key-1511' }, 0x301), 1));
    expect(record.topic).toBe('SCHEDULE_TOPIC_XXXX');
    const delivered = fromScheduleTopic(record);
    expect(delivered.ok).toBe(true);
    if (!delivered.ok) return;
    const { message: copy } = delivered;
    expect([copy.topic, copy.queueId, copy.flag, copy.sysFlag, copy.bornTimestamp, copy.reconsumeTimes, copy.preparedTransactionOffset]).toEqual([
      'TopicB',
      2,
      7,
      0x301,
      1795540428384,
      3,
      0,
    ]);
    expect(copy.body.toString()).toBe('hello');
    expect(copy.bornHost).toEqual(host);
    // As the Java broker writes it: REAL_TOPIC, REAL_QID, DELAY and WAIT stay.
    expect({ ...copy.properties }).toEqual({ DELAY: '1', TAGS: 'TagC', WAIT: 'true', KEYS: 'key-1511', REAL_TOPIC: 'TopicB', REAL_QID: '2' });
  });

  it('refuses records without a usable REAL_TOPIC / REAL_QID, or bound for the half topic', () => {
    const base = stored(scheduled(message({ DELAY: '1' }), 1));
    const without = (name: string): MessageRecord => {
      const properties = toMessageProperties(base.properties);
      delete properties[name];
      return { ...base, properties };
    };
    expect(fromScheduleTopic(without('REAL_TOPIC'))).toMatchObject({ ok: false });
    expect(fromScheduleTopic(without('REAL_QID'))).toMatchObject({ ok: false });
    expect(fromScheduleTopic({ ...base, properties: toMessageProperties({ ...base.properties, REAL_QID: 'x' }) })).toMatchObject({ ok: false });
    expect(fromScheduleTopic({ ...base, properties: toMessageProperties({ ...base.properties, REAL_TOPIC: 'RMQ_SYS_TRANS_HALF_TOPIC' }) })).toMatchObject({
      ok: false,
    });
  });
});
