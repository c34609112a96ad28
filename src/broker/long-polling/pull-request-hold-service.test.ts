import { describe, expect, it } from 'vitest';
import { tagsCodeOf } from '../../protocol/message/tag-hash.js';
import type { MessageFilter } from '../../store/message-store.js';
import { buildTagSubscription } from '../filter/build-subscription.js';
import { TagMessageFilter } from '../filter/tag-filter.js';
import {
  PullRequestHoldService,
  type ParkedPull,
  type PullRequestHoldServiceOptions,
  type PullToPark,
  type TimerScheduler,
  type WakeReason,
} from './pull-request-hold-service.js';

interface Request {
  opaque: number;
}

const tagFilter = (expression: string): MessageFilter => new TagMessageFilter(buildTagSubscription('T', expression, 1));

function pull(opaque: number, overrides: Partial<PullToPark<Request>> = {}): PullToPark<Request> {
  return {
    topic: 'T',
    queueId: 0,
    offset: 10,
    filter: tagFilter('*'),
    connectionId: 1,
    suspendTimeoutMs: 15_000,
    request: { opaque },
    ...overrides,
  };
}

function setup(options: Partial<PullRequestHoldServiceOptions<Request>> = {}) {
  const clock = { now: 1_000_000 };
  const maxOffsets = new Map<string, number>();
  const woken: { opaque: number; reason: WakeReason; at: number }[] = [];
  const hold = new PullRequestHoldService<Request>({
    rerun: (parked: ParkedPull<Request>, reason) => woken.push({ opaque: parked.request.opaque, reason, at: clock.now }),
    maxOffsetInQueue: (topic, queueId) => maxOffsets.get(`${topic}@${queueId}`) ?? 10,
    now: () => clock.now,
    timers: null,
    ...options,
  });
  return { hold, clock, woken, maxOffsets };
}

describe('PullRequestHoldService: wake-ups', () => {
  it('wakes a parked pull when a matching message arrives past its offset', () => {
    const { hold, woken } = setup();
    expect(hold.suspend(pull(1))).toBe('parked');
    expect(hold.notifyMessageArriving('T', 0, 11, tagsCodeOf('TagA'))).toBe(1);
    expect(woken).toEqual([{ opaque: 1, reason: 'message-arrived', at: 1_000_000 }]);
    expect(hold.size).toBe(0);
  });

  it('takes the store arrivals as they are (max offset = the new message offset + 1)', () => {
    const { hold, woken } = setup();
    hold.suspend(pull(1, { offset: 10 }));
    const arrival = { topic: 'T', queueId: 0, tagsCode: tagsCodeOf('TagA'), storeTimestamp: 0, properties: {} };
    expect(hold.messageArrived({ ...arrival, queueOffset: 9 })).toBe(0);
    expect(hold.messageArrived({ ...arrival, queueOffset: 10 })).toBe(1);
    expect(woken.map((w) => w.opaque)).toEqual([1]);
  });

  it('keeps pulls whose filter rejects the tag, or whose offset is not passed, or of other queues', () => {
    const { hold, woken } = setup();
    hold.suspend(pull(1, { filter: tagFilter('TagB') }));
    hold.suspend(pull(2, { offset: 12 }));
    hold.suspend(pull(3, { queueId: 1 }));
    hold.notifyMessageArriving('T', 0, 11, tagsCodeOf('TagA'));
    hold.notifyMessageArriving('U', 1, 11, tagsCodeOf('TagA'));
    expect(woken).toEqual([]);
    hold.notifyMessageArriving('T', 0, 13, tagsCodeOf('TagB'));
    expect(woken.map((w) => w.opaque).sort()).toEqual([1, 2]);
    expect(hold.size).toBe(1);
  });

  it('asks the filter about properties when it looks at them', () => {
    const { hold, woken } = setup();
    const byColor: MessageFilter = { matchesTagsCode: () => true, matchesProperties: (properties) => properties['color'] === 'red' };
    hold.suspend(pull(1, { filter: byColor }));
    hold.notifyMessageArriving('T', 0, 11, 0, { color: 'blue' });
    expect(woken).toEqual([]);
    hold.notifyMessageArriving('T', 0, 12, 0, { color: 'red' });
    expect(woken.map((w) => w.opaque)).toEqual([1]);
  });

  it('answers a pull at its own deadline (suspendTimeoutMillis), not on a 5 s quantum', () => {
    const { hold, clock, woken } = setup();
    hold.suspend(pull(1, { suspendTimeoutMs: 15_000 }));
    clock.now += 1_000;
    hold.suspend(pull(2, { suspendTimeoutMs: 1_500 }));
    clock.now += 1_499;
    expect(hold.sweep(clock.now)).toBe(0);
    clock.now += 1;
    expect(hold.sweep(clock.now)).toBe(1);
    expect(woken).toEqual([{ opaque: 2, reason: 'timeout', at: 1_002_500 }]);
    clock.now = 1_015_000;
    hold.sweep(clock.now);
    expect(woken.at(-1)).toEqual({ opaque: 1, reason: 'timeout', at: 1_015_000 });
    expect(hold.size).toBe(0);
  });

  it('holds for shortPollingTimeMills when long polling is off', () => {
    const { hold, clock, woken } = setup({ longPollingEnable: false });
    hold.suspend(pull(1, { suspendTimeoutMs: 15_000 }));
    clock.now += 999;
    hold.sweep(clock.now);
    clock.now += 1;
    hold.sweep(clock.now);
    expect(woken).toEqual([{ opaque: 1, reason: 'timeout', at: 1_001_000 }]);
  });

  it('clamps absurd timeouts', () => {
    const { hold, clock, woken } = setup({ maxSuspendTimeoutMs: 60_000 });
    hold.suspend(pull(1, { suspendTimeoutMs: Number.MAX_SAFE_INTEGER }));
    hold.suspend(pull(2, { suspendTimeoutMs: -5 }));
    hold.sweep(clock.now);
    expect(woken.map((w) => w.opaque)).toEqual([2]);
    clock.now += 60_000;
    hold.sweep(clock.now);
    expect(woken.map((w) => w.opaque)).toEqual([2, 1]);
  });

  it('does not park when messages arrived while the pull was being read', () => {
    const { hold, maxOffsets } = setup();
    maxOffsets.set('T@0', 11);
    expect(hold.suspend(pull(1))).toBe('message-available');
    expect(hold.size).toBe(0);
  });

  it('keeps going when one re-run throws, and lets a re-run park again', () => {
    let calls = 0;
    const { hold } = setup({
      rerun: (parked) => {
        calls++;
        if (parked.request.opaque === 1) throw new Error('boom');
        if (parked.request.opaque === 2) hold.suspend(pull(3, { offset: 20 }));
      },
    });
    hold.suspend(pull(1));
    hold.suspend(pull(2));
    hold.notifyMessageArriving('T', 0, 11);
    expect(calls).toBe(2);
    expect(hold.size).toBe(1);
  });
});

describe('PullRequestHoldService: connections and bounds', () => {
  it('drops the pulls of a closed connection without answering them', () => {
    const { hold, clock, woken } = setup();
    hold.suspend(pull(1, { connectionId: 7 }));
    hold.suspend(pull(2, { connectionId: 7, queueId: 3 }));
    hold.suspend(pull(3, { connectionId: 8 }));
    expect(hold.connectionClosed(7)).toBe(2);
    expect(hold.sizeOf(7)).toBe(0);
    clock.now += 20_000;
    hold.sweep(clock.now);
    expect(woken.map((w) => w.opaque)).toEqual([3]);
    expect(hold.queueCount).toBe(0);
  });

  it('refuses to park past maxParked and maxParkedPerConnection', () => {
    const { hold } = setup({ maxParked: 3, maxParkedPerConnection: 2 });
    expect(hold.suspend(pull(1, { connectionId: 1 }))).toBe('parked');
    expect(hold.suspend(pull(2, { connectionId: 1 }))).toBe('parked');
    expect(hold.suspend(pull(3, { connectionId: 1 }))).toBe('too-many-parked-on-connection');
    expect(hold.suspend(pull(4, { connectionId: 2 }))).toBe('parked');
    expect(hold.suspend(pull(5, { connectionId: 3 }))).toBe('too-many-parked');
    expect(hold.size).toBe(3);
  });

  it('parks 10,000 pulls within its bounds, answers every one, and keeps nothing once their connections close', () => {
    const { hold, clock, woken } = setup({ maxParked: 10_000, maxParkedPerConnection: 100 });
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 10_000; i++) {
      const outcome = hold.suspend(pull(i, { connectionId: i % 100, queueId: i % 64, topic: `T${i % 7}`, suspendTimeoutMs: 1_000 + (i % 5_000) }));
      expect(outcome).toBe('parked');
    }
    expect(hold.suspend(pull(-1, { connectionId: 999 }))).toBe('too-many-parked');
    expect(hold.size).toBe(10_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    // A third are answered by arrivals, a third by their deadlines, the rest dropped with their connections.
    for (let t = 0; t < 7; t++) for (let q = 0; q < 64; q += 3) hold.notifyMessageArriving(`T${t}`, q, 11);
    const byArrival = woken.length;
    clock.now += 3_000;
    hold.sweep(clock.now);
    const byTimeout = woken.length - byArrival;
    let dropped = 0;
    for (let connection = 0; connection < 100; connection++) dropped += hold.connectionClosed(connection);
    expect(byArrival).toBeGreaterThan(3_000);
    expect(byTimeout).toBeGreaterThan(1_000);
    expect(byArrival + byTimeout + dropped).toBe(10_000);
    expect(new Set(woken.map((w) => w.opaque)).size).toBe(woken.length);
    expect(hold.size).toBe(0);
    expect(hold.queueCount).toBe(0);
    for (let connection = 0; connection < 100; connection++) expect(hold.sizeOf(connection)).toBe(0);
    clock.now += 10_000;
    expect(hold.sweep(clock.now)).toBe(0);
  });
});

describe('PullRequestHoldService: the deadline timer', () => {
  it('keeps one timer set for the earliest deadline', () => {
    const scheduled: { callback: () => void; delayMs: number; cleared: boolean }[] = [];
    const timers: TimerScheduler = {
      setTimeout: (callback, delayMs) => {
        const timer = { callback, delayMs, cleared: false };
        scheduled.push(timer);
        return timer;
      },
      clearTimeout: (handle) => {
        (handle as { cleared: boolean }).cleared = true;
      },
    };
    const { hold, clock, woken } = setup({ timers });
    hold.suspend(pull(1, { suspendTimeoutMs: 15_000 }));
    hold.suspend(pull(2, { suspendTimeoutMs: 20_000 }));
    hold.suspend(pull(3, { suspendTimeoutMs: 5_000 }));
    const live = scheduled.filter((timer) => !timer.cleared);
    expect(live.map((timer) => timer.delayMs)).toEqual([5_000]);
    clock.now += 5_000;
    live[0]?.callback();
    expect(woken.map((w) => w.opaque)).toEqual([3]);
    expect(scheduled.filter((timer) => !timer.cleared).at(-1)?.delayMs).toBe(10_000);
    hold.stop();
    expect(scheduled.every((timer) => timer.cleared || timer === live[0])).toBe(true);
  });

  it('answers at the deadline with real timers', async () => {
    const started = Date.now();
    const answered = new Promise<number>((resolve) => {
      const hold = new PullRequestHoldService<Request>({ rerun: () => resolve(Date.now()), maxOffsetInQueue: () => 0 });
      hold.suspend(pull(1, { offset: 0, suspendTimeoutMs: 40 }));
    });
    const at = await answered;
    expect(at - started).toBeGreaterThanOrEqual(39);
    expect(at - started).toBeLessThan(1_000);
  });
});

describe('PullRequestHoldService: the broker stopping and changing settings', () => {
  it('wakeAll re-runs every parked pull now and leaves nothing', () => {
    const { hold, woken } = setup();
    hold.suspend(pull(1));
    hold.suspend(pull(2, { queueId: 4, connectionId: 2 }));
    expect(hold.wakeAll()).toBe(2);
    expect(woken.map((w) => [w.opaque, w.reason])).toEqual([
      [1, 'timeout'],
      [2, 'timeout'],
    ]);
    expect([hold.size, hold.queueCount, hold.sizeOf(2)]).toEqual([0, 0, 0]);
  });

  it('tells `dropped` about the pulls that leave unanswered (closed connection, stop)', () => {
    const dropped: number[] = [];
    const { hold, woken } = setup({ dropped: (parked) => dropped.push(parked.request.opaque) });
    hold.suspend(pull(1, { connectionId: 7 }));
    hold.suspend(pull(2, { connectionId: 8 }));
    hold.connectionClosed(7);
    expect(dropped).toEqual([1]);
    expect(hold.stop()).toBe(1);
    expect(dropped).toEqual([1, 2]);
    expect(woken).toEqual([]);
  });

  it('setPolling switches to short polling for pulls parked from then on', () => {
    const { hold, clock, woken } = setup();
    hold.setPolling(false, 500);
    hold.suspend(pull(1));
    clock.now += 500;
    hold.sweep(clock.now);
    expect(woken.map((w) => w.opaque)).toEqual([1]);
  });
});
