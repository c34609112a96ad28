import { describe, expect, it } from 'vitest';
import { toMessageProperties } from '../../protocol/message/properties.js';
import { DelayLevels } from '../../store/delay-levels.js';
import type { MessageToStore } from '../../store/message-store.js';
import { delayApplies, delayLevelOf, toDeadLetterQueue, toScheduleTopic, toTransactionHalf } from './message-rewrites.js';

function message(properties: Record<string, string>, sysFlag = 0): MessageToStore {
  return {
    topic: 'T',
    queueId: 3,
    flag: 0,
    body: Buffer.from('b'),
    properties: toMessageProperties(properties),
    sysFlag,
    bornTimestamp: 1,
    bornHost: { host: '127.0.0.1', port: 1 },
    storeHost: { host: '127.0.0.1', port: 2 },
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
  };
}

const levels = new DelayLevels('1s 5s 10s');

describe('message rewrites', () => {
  it('delay: SCHEDULE_TOPIC_XXXX queue level-1, REAL_TOPIC / REAL_QID kept, level clamped', () => {
    const delayed = message({ DELAY: '2' });
    toScheduleTopic(delayed, 2, levels);
    expect(delayed).toMatchObject({ topic: 'SCHEDULE_TOPIC_XXXX', queueId: 1 });
    expect({ ...delayed.properties }).toEqual({ DELAY: '2', REAL_TOPIC: 'T', REAL_QID: '3' });
    const clamped = message({ DELAY: '40' });
    toScheduleTopic(clamped, 40, levels);
    expect(clamped.queueId).toBe(2);
    expect(clamped.properties['DELAY']).toBe('3');
  });

  it('delay levels: absent 0, integers read, anything else null; not for prepared or rolled-back records', () => {
    expect(delayLevelOf(message({}))).toBe(0);
    expect(delayLevelOf(message({ DELAY: ' 3 ' }))).toBe(3);
    expect(delayLevelOf(message({ DELAY: '-1' }))).toBe(-1);
    expect(delayLevelOf(message({ DELAY: 'x' }))).toBeNull();
    expect([0, 0x4, 0x8, 0xc].map(delayApplies)).toEqual([true, false, true, false]);
  });

  it('transaction half: RMQ_SYS_TRANS_HALF_TOPIC queue 0, type reset, real topic kept', () => {
    const half = message({ TRAN_MSG: 'true', PGROUP: 'PG' }, 0x4 | 0x1);
    toTransactionHalf(half);
    expect(half).toMatchObject({ topic: 'RMQ_SYS_TRANS_HALF_TOPIC', queueId: 0, sysFlag: 0x1 });
    expect(half.properties).toMatchObject({ REAL_TOPIC: 'T', REAL_QID: '3', TRAN_MSG: 'true' });
  });

  it('dead letter: %DLQ%<group> queue 0 without delay', () => {
    const dead = message({ DELAY: '3' });
    toDeadLetterQueue(dead, 'G');
    expect(dead).toMatchObject({ topic: '%DLQ%G', queueId: 0 });
    expect(dead.properties['DELAY']).toBeUndefined();
  });
});
