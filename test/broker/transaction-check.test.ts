/**
 * The transaction check pass (src/broker/transaction/check-pass.ts) over fake half and op
 * queues with a fake clock: which half messages are checked, put back, discarded or
 * passed, and where the CID_RMQ_SYS_TRANS offsets move — scripted cases as Java 4.9.8
 * decides them, and a property test over random interleavings of sends, ends and passes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '../../src/protocol/message/message-record.js';
import { calculateOpOffset, checkHalfQueue, type CheckIo, type CheckSettings, type QueueRead, type StoredCopy } from '../../src/broker/transaction/check-pass.js';

const HALF = 'RMQ_SYS_TRANS_HALF_TOPIC';
const OP = 'RMQ_SYS_TRANS_OP_HALF_TOPIC';
const HOST = { host: '127.0.0.1', port: 10911 };

interface Check {
  key: string;
  queueOffset: number;
  checkTimes: string | undefined;
  at: number;
}

class FakeQueues implements CheckIo {
  clock = 1_000_000;
  readonly half: MessageRecord[] = [];
  readonly op: MessageRecord[] = [];
  readonly offsets = new Map<string, number>();
  readonly checks: Check[] = [];
  readonly discarded: MessageRecord[] = [];
  failPutBack = false;

  now(): number {
    return this.clock;
  }

  send(key: string, props: Record<string, string> = {}, bornTimestamp = this.clock): number {
    return this.append(this.half, { UNIQ_KEY: key, PGROUP: 'PG', REAL_TOPIC: 'T', REAL_QID: '0', TRAN_MSG: 'true', ...props }, Buffer.from(key), bornTimestamp);
  }

  end(halfOffset: number): void {
    this.append(this.op, { WAIT: 'true', TAGS: 'd' }, Buffer.from(String(halfOffset)), this.clock);
  }

  private append(queue: MessageRecord[], properties: Record<string, string>, body: Buffer, bornTimestamp: number): number {
    const queueOffset = queue.length;
    queue.push({
      storeSize: 0,
      bodyCrc: 0,
      queueId: 0,
      flag: 0,
      queueOffset,
      commitLogOffset: (queue === this.half ? 0 : 1e9) + queueOffset * 100,
      sysFlag: 0,
      bornTimestamp,
      bornHost: HOST,
      storeTimestamp: this.clock,
      storeHost: HOST,
      reconsumeTimes: 0,
      preparedTransactionOffset: 0,
      body,
      topic: queue === this.half ? HALF : OP,
      properties,
    });
    return queueOffset;
  }

  consumeOffset(topic: string, queueId: number): number {
    return this.offsets.get(`${topic}/${queueId}`) ?? 0;
  }

  updateConsumeOffset(topic: string, queueId: number, offset: number): void {
    this.offsets.set(`${topic}/${queueId}`, offset);
  }

  read(topic: string, _queueId: number, offset: number, maxNums: number): Promise<QueueRead> {
    const queue = topic === HALF ? this.half : this.op;
    if (offset >= queue.length) {
      return Promise.resolve({ status: offset === queue.length ? 'NO_NEW_MSG' : 'OFFSET_ILLEGAL', nextBeginOffset: queue.length, messages: null });
    }
    const found = queue.slice(offset, offset + maxNums).map((record) => ({ ...record, properties: { ...record.properties } }));
    return Promise.resolve({ status: 'FOUND', nextBeginOffset: offset + found.length, messages: found });
  }

  putBack(half: MessageRecord, properties: Record<string, string>): Promise<StoredCopy | null> {
    if (this.failPutBack) return Promise.resolve(null);
    const queueOffset = this.append(this.half, { ...properties }, half.body, half.bornTimestamp);
    const copy = this.half[queueOffset] as MessageRecord;
    return Promise.resolve({ queueOffset, commitLogOffset: copy.commitLogOffset, msgId: `M${queueOffset}` });
  }

  putImmunityBack(half: MessageRecord): Promise<boolean> {
    const properties: Record<string, string> = { ...half.properties, WAIT: 'false' };
    properties['TRAN_PREPARED_QUEUE_OFFSET'] ??= String(half.queueOffset);
    this.append(this.half, properties, half.body, half.bornTimestamp);
    return Promise.resolve(true);
  }

  discard(half: MessageRecord): Promise<void> {
    this.discarded.push(half);
    return Promise.resolve();
  }

  sendCheck(half: MessageRecord, copy: StoredCopy): void {
    expect(half.queueOffset).toBe(copy.queueOffset);
    this.checks.push({ key: half.properties['UNIQ_KEY'] ?? '', queueOffset: copy.queueOffset, checkTimes: half.properties['TRANSACTION_CHECK_TIMES'], at: this.clock });
  }

  halfOffset(): number {
    return this.consumeOffset(HALF, 0);
  }

  opOffset(): number {
    return this.consumeOffset(OP, 0);
  }
}

const SETTINGS: CheckSettings = { transactionTimeOut: 6000, transactionCheckMax: 15, fileReservedTime: 72 };

describe('a check pass of a half queue', () => {
  it('checks a half message only once it is older than transactionTimeOut, putting it back with TRANSACTION_CHECK_TIMES=1', async () => {
    const queues = new FakeQueues();
    queues.send('A');
    queues.clock += 6000;
    await checkHalfQueue(queues, 0, SETTINGS);
    expect(queues.checks).toEqual([]);
    expect(queues.halfOffset()).toBe(0);
    queues.clock += 1;
    const result = await checkHalfQueue(queues, 0, SETTINGS);
    expect(result).toMatchObject({ checked: 1, newHalfOffset: 1 });
    expect(queues.checks).toEqual([{ key: 'A', queueOffset: 1, checkTimes: '1', at: queues.clock }]);
    expect(queues.half[1]?.properties).toMatchObject({ UNIQ_KEY: 'A', TRANSACTION_CHECK_TIMES: '1' });
    expect(queues.half[1]?.properties['WAIT']).toBeUndefined();
  });

  it('stops at the copy it put back in the same pass, and counts the checks up on later passes', async () => {
    const queues = new FakeQueues();
    queues.send('A');
    for (let pass = 1; pass <= 3; pass++) {
      queues.clock += 7000;
      await checkHalfQueue(queues, 0, SETTINGS);
      expect(queues.checks.map((check) => check.checkTimes)).toEqual(Array.from({ length: pass }, (_, i) => String(i + 1)));
      expect(queues.halfOffset()).toBe(pass);
    }
  });

  it('passes over ended half messages and moves the op offset past the done ops', async () => {
    const queues = new FakeQueues();
    const a = queues.send('A');
    queues.send('B');
    const c = queues.send('C');
    queues.end(c);
    queues.end(a);
    queues.clock += 7000;
    const result = await checkHalfQueue(queues, 0, SETTINGS);
    expect(queues.checks.map((check) => check.key)).toEqual(['B']);
    expect(result).toMatchObject({ newHalfOffset: 3, newOpOffset: 2, checked: 1 });
  });

  it('reads every op message before checking, and passes an ended message behind a checked one', async () => {
    const queues = new FakeQueues();
    queues.send('A');
    queues.clock += 7000;
    const b = queues.send('B');
    queues.end(b);
    await checkHalfQueue(queues, 0, SETTINGS);
    expect(queues.checks.map((check) => check.key)).toEqual(['A']);
    expect([queues.halfOffset(), queues.opOffset()]).toEqual([2, 1]);
    queues.clock += 7000;
    await checkHalfQueue(queues, 0, SETTINGS);
    expect(queues.checks.map((check) => check.key)).toEqual(['A', 'A']);
    expect([queues.halfOffset(), queues.opOffset()]).toEqual([3, 1]);
  });

  it('discards a message checked transactionCheckMax times instead of checking it again', async () => {
    const queues = new FakeQueues();
    queues.send('A');
    const settings = { ...SETTINGS, transactionCheckMax: 2 };
    for (let pass = 0; pass < 4; pass++) {
      queues.clock += 7000;
      await checkHalfQueue(queues, 0, settings);
    }
    expect(queues.checks.map((check) => check.checkTimes)).toEqual(['1', '2']);
    expect(queues.discarded.map((record) => record.properties['TRANSACTION_CHECK_TIMES'])).toEqual(['2']);
    expect(queues.halfOffset()).toBe(3);
  });

  it('discards a message born longer ago than fileReservedTime without checking it', async () => {
    const queues = new FakeQueues();
    queues.send('OLD', {}, queues.clock - 73 * 3600 * 1000);
    await checkHalfQueue(queues, 0, SETTINGS);
    expect(queues.checks).toEqual([]);
    expect(queues.discarded).toHaveLength(1);
  });

  it('checks a message born in the future at once', async () => {
    const queues = new FakeQueues();
    queues.send('F', {}, queues.clock + 60_000);
    queues.clock += 1;
    await checkHalfQueue(queues, 0, SETTINGS);
    expect(queues.checks.map((check) => check.key)).toEqual(['F']);
  });

  it('honours CHECK_IMMUNITY_TIME_IN_SECONDS: an immune message is put back with TRAN_PREPARED_QUEUE_OFFSET and passed', async () => {
    const queues = new FakeQueues();
    queues.send('I', { CHECK_IMMUNITY_TIME_IN_SECONDS: '20' });
    queues.send('N');
    queues.clock += 7000;
    await checkHalfQueue(queues, 0, SETTINGS);
    expect(queues.checks.map((check) => check.key)).toEqual(['N']);
    expect(queues.half[2]?.properties).toMatchObject({ UNIQ_KEY: 'I', TRAN_PREPARED_QUEUE_OFFSET: '0', WAIT: 'false' });
    expect(queues.halfOffset()).toBe(2);
    queues.clock += 1000;
    await checkHalfQueue(queues, 0, SETTINGS);
    expect(queues.checks.map((check) => check.key)).toEqual(['N', 'N']);
    expect(queues.half[4]?.properties).toMatchObject({ UNIQ_KEY: 'I', TRAN_PREPARED_QUEUE_OFFSET: '0' });
    queues.clock += 20_000;
    await checkHalfQueue(queues, 0, SETTINGS);
    // Each immune copy kept the count raised when it was looked at, as Java's does.
    expect(queues.checks.filter((check) => check.key === 'I').map((check) => check.checkTimes)).toEqual(['3']);
  });

  it('stops without moving past a message the store would not put back', async () => {
    const queues = new FakeQueues();
    queues.send('A');
    queues.clock += 7000;
    queues.failPutBack = true;
    await checkHalfQueue(queues, 0, SETTINGS);
    expect([queues.checks.length, queues.halfOffset()]).toEqual([0, 0]);
    queues.failPutBack = false;
    await checkHalfQueue(queues, 0, SETTINGS);
    expect(queues.checks.length).toBe(1);
  });

  it('stops after 60 s of work', async () => {
    const queues = new FakeQueues();
    for (let i = 0; i < 5; i++) queues.send(`K${i}`);
    queues.clock += 7000;
    const slow: CheckIo = Object.assign(Object.create(queues) as FakeQueues, {
      sendCheck(half: MessageRecord, copy: StoredCopy) {
        queues.sendCheck(half, copy);
        queues.clock += 30_001;
      },
    });
    await checkHalfQueue(slow, 0, SETTINGS);
    expect(queues.checks.map((check) => check.key)).toEqual(['K0', 'K1']);
    expect(queues.halfOffset()).toBe(2);
  });

  it('calculateOpOffset moves over the run of done offsets only', () => {
    expect(calculateOpOffset([3, 1, 0, 5], 0)).toBe(2);
    expect(calculateOpOffset([], 4)).toBe(4);
    expect(calculateOpOffset([5, 4, 6], 4)).toBe(7);
  });
});

type Step = { kind: 'send' } | { kind: 'end'; pick: number } | { kind: 'tick'; ms: number } | { kind: 'pass' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'send' }),
  fc.nat(50).map<Step>((pick) => ({ kind: 'end', pick })),
  fc.integer({ min: 1, max: 9000 }).map<Step>((ms) => ({ kind: 'tick', ms })),
  fc.constant<Step>({ kind: 'pass' }),
);

describe('check passes over any interleaving of sends, ends and time', () => {
  it('never check an ended transaction, check only when due, lose nothing, and check each at most once a pass', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 60 }), async (steps) => {
        const queues = new FakeQueues();
        const settings = { ...SETTINGS, transactionCheckMax: 3 };
        const born = new Map<string, number>();
        const latest = new Map<string, number>();
        const ended = new Set<string>();
        let sent = 0;
        for (const s of [...steps, { kind: 'tick', ms: 7000 } as Step, { kind: 'pass' } as Step]) {
          if (s.kind === 'send') {
            const key = `K${sent++}`;
            born.set(key, queues.clock);
            latest.set(key, queues.send(key));
          } else if (s.kind === 'end') {
            const open = [...latest.keys()].filter((key) => !ended.has(key));
            const key = open[s.pick % Math.max(1, open.length)];
            if (key === undefined) continue;
            ended.add(key);
            queues.end(latest.get(key) as number);
          } else if (s.kind === 'tick') {
            queues.clock += s.ms;
          } else {
            const before = queues.checks.length;
            const endedBefore = new Set(ended);
            await checkHalfQueue(queues, 0, settings);
            const checks = queues.checks.slice(before);
            const keys = checks.map((check) => check.key);
            expect(new Set(keys).size).toBe(keys.length);
            for (const check of checks) {
              expect(endedBefore.has(check.key)).toBe(false);
              expect(check.at - (born.get(check.key) as number)).toBeGreaterThan(settings.transactionTimeOut);
              latest.set(check.key, check.queueOffset);
            }
            const discardedKeys = new Set(queues.discarded.map((record) => record.properties['UNIQ_KEY']));
            for (const [key, offset] of latest) {
              if (ended.has(key) || discardedKeys.has(key)) continue;
              expect(offset).toBeGreaterThanOrEqual(queues.halfOffset());
            }
          }
        }
        const perKey = new Map<string, number>();
        for (const check of queues.checks) perKey.set(check.key, (perKey.get(check.key) ?? 0) + 1);
        for (const count of perKey.values()) expect(count).toBeLessThanOrEqual(settings.transactionCheckMax);
      }),
      { numRuns: 300 },
    );
  });
});
