/**
 * PullRequestHoldService: pulls parked until a message arrives or their time is up (long
 * polling, Java PullRequestHoldService + ManyPullRequest), as pure logic: no sockets; time
 * from the injected clock; the broker re-runs a woken pull through the supplied `rerun`.
 *
 * A parked pull sits in three indexes:
 *   byQueue       topic → queueId → pulls (woken by notifyMessageArriving)
 *   byConnection  connection id → pulls (dropped when the connection closes)
 *   deadlines     a min-heap by deadline (arrival time + timeout)
 * and leaves all three together, so nothing lingers after it is answered or dropped. The
 * pulls of a queue or connection are an array in which each pull knows its position (it
 * leaves by a swap with the last): a Set would churn with every park, and V8 keeps what a
 * churning Set held alive until the next full GC (see common/int-key-table.ts). A queue's
 * or connection's empty array stays for its next pull; empty queue arrays are dropped when
 * the deadline timer fires, and a connection's when it closes.
 *
 * Wake-ups:
 *   - notifyMessageArriving(topic, queueId, maxOffset, tagsCode, properties): pulls of that
 *     queue waiting below maxOffset whose filter matches the tags code (and the properties,
 *     when the filter looks at them) are re-run with reason 'message-arrived';
 *   - deadlines: one timer, set for the earliest deadline, re-runs each pull exactly at its
 *     own deadline with reason 'timeout' (Java answers at the next 5 s sweep after it).
 *     With `timers: null` the caller drives time with `sweep(now)` instead.
 * The timeout is the request's suspendTimeoutMillis (clamped to [0, maxSuspendTimeoutMs]);
 * with longPollingEnable=false it is shortPollingTimeMills (1 s). Arrivals wake pulls in
 * both modes (Java's short polling waits for its next check; answering sooner is allowed).
 *
 * suspend() does not park when the queue already holds messages past the pull's offset
 * (they arrived while the pull was being read) or when a bound is reached — at most
 * `maxParked` pulls in total and `maxParkedPerConnection` per connection; the broker then
 * answers the pull at once.
 *
 * Leaving: a pull leaves by a wake-up (re-run), by `wakeAll()` (the broker stops: every
 * pull is re-run now), or unanswered when its connection closes or the service stops —
 * then `dropped` is told, so that whoever waits on it can let go.
 */
import { silentLogger, type Logger } from '../../common/log.js';
import type { MessageProperties } from '../../protocol/message/properties.js';
import type { MessageArrival, MessageFilter } from '../../store/message-store.js';
import { DeadlineHeap, type HeapItem } from './deadline-heap.js';

export const HOLD_SERVICE_DEFAULTS = {
  longPollingEnable: true,
  shortPollingTimeMills: 1000,
  maxParked: 100_000,
  maxParkedPerConnection: 10_000,
  /** Clients wait 15–20 s; their own request timeout is 30 s. */
  maxSuspendTimeoutMs: 3_600_000,
} as const;

export interface PullToPark<R> {
  topic: string;
  queueId: number;
  /** The request's queueOffset: the pull waits for a message at or after it. */
  offset: number;
  filter: MessageFilter;
  connectionId: number;
  /** The request's suspendTimeoutMillis. */
  suspendTimeoutMs: number;
  /** The request itself, handed back to `rerun`. */
  request: R;
}

export interface ParkedPull<R> extends Readonly<PullToPark<R>> {
  readonly suspendedAt: number;
  readonly deadline: number;
}

export type WakeReason = 'message-arrived' | 'timeout';

export type SuspendOutcome = 'parked' | 'message-available' | 'too-many-parked' | 'too-many-parked-on-connection';

export interface TimerScheduler {
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers, unref'd so that parked pulls never keep a process alive. */
export const nodeTimers: TimerScheduler = {
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface PullRequestHoldServiceOptions<R> {
  rerun: (pull: ParkedPull<R>, reason: WakeReason) => void;
  maxOffsetInQueue: (topic: string, queueId: number) => number;
  now?: () => number;
  /** null: no timer; the caller calls sweep(now). */
  timers?: TimerScheduler | null;
  longPollingEnable?: boolean;
  shortPollingTimeMills?: number;
  maxParked?: number;
  maxParkedPerConnection?: number;
  maxSuspendTimeoutMs?: number;
  /** Told about each pull that leaves unanswered (its connection closed, or stop()). */
  dropped?: (pull: ParkedPull<R>) => void;
  logger?: Logger;
}

type Settings<R> = Required<Omit<PullRequestHoldServiceOptions<R>, 'timers' | 'logger' | 'dropped'>>;

interface Entry<R> extends ParkedPull<R>, HeapItem {
  /** Position in its queue's array and in its connection's array. */
  queuePosition: number;
  connectionPosition: number;
}

type Position = 'queuePosition' | 'connectionPosition';

export class PullRequestHoldService<R> {
  private readonly byQueue = new Map<string, Map<number, Entry<R>[]>>();
  private readonly byConnection = new Map<number, Entry<R>[]>();
  private readonly deadlines = new DeadlineHeap<Entry<R>>();
  private readonly options: Settings<R>;
  private readonly timers: TimerScheduler | null;
  private readonly logger: Logger;
  private readonly dropped: (pull: ParkedPull<R>) => void;
  private timer: unknown = null;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(options: PullRequestHoldServiceOptions<R>) {
    const d = HOLD_SERVICE_DEFAULTS;
    this.options = {
      rerun: options.rerun,
      maxOffsetInQueue: options.maxOffsetInQueue,
      now: options.now ?? Date.now,
      longPollingEnable: options.longPollingEnable ?? d.longPollingEnable,
      shortPollingTimeMills: options.shortPollingTimeMills ?? d.shortPollingTimeMills,
      maxParked: options.maxParked ?? d.maxParked,
      maxParkedPerConnection: options.maxParkedPerConnection ?? d.maxParkedPerConnection,
      maxSuspendTimeoutMs: options.maxSuspendTimeoutMs ?? d.maxSuspendTimeoutMs,
    };
    this.timers = options.timers === undefined ? nodeTimers : options.timers;
    this.logger = options.logger ?? silentLogger;
    this.dropped = options.dropped ?? (() => undefined);
  }

  /** Changes the polling mode for pulls parked from now on (UPDATE_BROKER_CONFIG). */
  setPolling(longPollingEnable: boolean, shortPollingTimeMills: number): void {
    this.options.longPollingEnable = longPollingEnable;
    this.options.shortPollingTimeMills = shortPollingTimeMills;
  }

  /** Pulls parked now. */
  get size(): number {
    return this.deadlines.size;
  }

  sizeOf(connectionId: number): number {
    return this.byConnection.get(connectionId)?.length ?? 0;
  }

  /** Queues with at least one parked pull (for leak checks). */
  get queueCount(): number {
    let count = 0;
    for (const queues of this.byQueue.values()) for (const parked of queues.values()) if (parked.length > 0) count++;
    return count;
  }

  /** Parks a pull that found nothing; see the module notes for when it does not. */
  suspend(pull: PullToPark<R>): SuspendOutcome {
    if (this.options.maxOffsetInQueue(pull.topic, pull.queueId) > pull.offset) return 'message-available';
    if (this.size >= this.options.maxParked) return 'too-many-parked';
    if (this.sizeOf(pull.connectionId) >= this.options.maxParkedPerConnection) return 'too-many-parked-on-connection';
    const suspendedAt = this.options.now();
    // Spelled out: V8 gives `{ ...pull, more }` a fresh hidden class on every call (old-generation garbage).
    const entry: Entry<R> = {
      topic: pull.topic,
      queueId: pull.queueId,
      offset: pull.offset,
      filter: pull.filter,
      connectionId: pull.connectionId,
      suspendTimeoutMs: pull.suspendTimeoutMs,
      request: pull.request,
      suspendedAt,
      deadline: suspendedAt + this.timeoutOf(pull),
      heapIndex: -1,
      heapSequence: 0,
      queuePosition: -1,
      connectionPosition: -1,
    };
    this.add(entry);
    this.armTimer();
    return 'parked';
  }

  private timeoutOf(pull: PullToPark<R>): number {
    if (!this.options.longPollingEnable) return this.options.shortPollingTimeMills;
    const timeout = Number.isFinite(pull.suspendTimeoutMs) ? pull.suspendTimeoutMs : 0;
    return Math.min(Math.max(timeout, 0), this.options.maxSuspendTimeoutMs);
  }

  /** A message became readable in a queue: wakes the parked pulls it satisfies. */
  notifyMessageArriving(topic: string, queueId: number, maxOffset: number, tagsCode?: number, properties?: Readonly<MessageProperties>): number {
    const parked = this.byQueue.get(topic)?.get(queueId);
    if (!parked || parked.length === 0) return 0;
    const woken: Entry<R>[] = [];
    for (const entry of parked) {
      if (maxOffset > entry.offset && matches(entry.filter, tagsCode, properties)) woken.push(entry);
    }
    for (const entry of woken) this.remove(entry);
    for (const entry of woken) this.wake(entry, 'message-arrived');
    return woken.length;
  }

  /** The store's arrival listener: `store.onMessageArrived((a) => hold.messageArrived(a))`. */
  messageArrived(arrival: MessageArrival): number {
    return this.notifyMessageArriving(arrival.topic, arrival.queueId, arrival.queueOffset + 1, arrival.tagsCode, arrival.properties);
  }

  /** Re-runs every pull whose deadline has come; returns how many. */
  sweep(now: number = this.options.now()): number {
    const due: Entry<R>[] = [];
    for (let next = this.deadlines.peek(); next && next.deadline <= now; next = this.deadlines.peek()) {
      this.remove(next);
      due.push(next);
    }
    for (const entry of due) this.wake(entry, 'timeout');
    this.dropEmptyQueues();
    return due.length;
  }

  /** The connection closed: its parked pulls are dropped unanswered; returns how many. */
  connectionClosed(connectionId: number): number {
    const parked = this.byConnection.get(connectionId);
    if (!parked) return 0;
    const dropped = [...parked];
    for (const entry of dropped) this.remove(entry);
    this.byConnection.delete(connectionId);
    for (const entry of dropped) this.tellDropped(entry);
    return dropped.length;
  }

  /** Re-runs every parked pull now (reason 'timeout'); returns how many. */
  wakeAll(): number {
    const all = this.takeAll();
    for (const entry of all) this.wake(entry, 'timeout');
    return all.length;
  }

  /** Drops everything and stops the timer (broker shutdown). */
  stop(): number {
    const all = this.takeAll();
    for (const entry of all) this.tellDropped(entry);
    return all.length;
  }

  private takeAll(): Entry<R>[] {
    this.disarmTimer();
    const all = this.deadlines.clear();
    this.byQueue.clear();
    this.byConnection.clear();
    return all;
  }

  private tellDropped(entry: Entry<R>): void {
    try {
      this.dropped(entry);
    } catch (error) {
      this.logger.error({ err: (error as Error).message }, 'dropped-pull listener failed');
    }
  }

  // --- indexes -----------------------------------------------------------------------------

  private add(entry: Entry<R>): void {
    let queues = this.byQueue.get(entry.topic);
    if (!queues) {
      queues = new Map();
      this.byQueue.set(entry.topic, queues);
    }
    addTo(listOf(queues, entry.queueId), entry, 'queuePosition');
    addTo(listOf(this.byConnection, entry.connectionId), entry, 'connectionPosition');
    this.deadlines.push(entry);
  }

  private remove(entry: Entry<R>): void {
    this.deadlines.remove(entry);
    const inQueue = this.byQueue.get(entry.topic)?.get(entry.queueId);
    if (inQueue) removeFrom(inQueue, entry, 'queuePosition');
    const onConnection = this.byConnection.get(entry.connectionId);
    if (onConnection) removeFrom(onConnection, entry, 'connectionPosition');
  }

  private dropEmptyQueues(): void {
    for (const [topic, queues] of this.byQueue) {
      for (const [queueId, parked] of queues) if (parked.length === 0) queues.delete(queueId);
      if (queues.size === 0) this.byQueue.delete(topic);
    }
  }

  private wake(entry: Entry<R>, reason: WakeReason): void {
    try {
      this.options.rerun(entry, reason);
    } catch (error) {
      this.logger.error({ err: (error as Error).message, topic: entry.topic, queueId: entry.queueId }, 're-running a parked pull failed');
    }
  }

  // --- the deadline timer ------------------------------------------------------------------

  /** Makes sure the timer fires no later than the earliest deadline. */
  private armTimer(): void {
    const next = this.deadlines.peek();
    if (!this.timers || !next || next.deadline >= this.timerAt) return;
    this.disarmTimer();
    this.timerAt = next.deadline;
    this.timer = this.timers.setTimeout(() => this.onTimer(), Math.max(0, next.deadline - this.options.now()));
  }

  private disarmTimer(): void {
    if (this.timer !== null) this.timers?.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  private onTimer(): void {
    this.timer = null;
    this.timerAt = Number.POSITIVE_INFINITY;
    this.sweep();
    this.armTimer();
  }
}

function matches(filter: MessageFilter, tagsCode: number | undefined, properties: Readonly<MessageProperties> | undefined): boolean {
  if (tagsCode !== undefined && !filter.matchesTagsCode(tagsCode)) return false;
  return properties === undefined || filter.matchesProperties === undefined || filter.matchesProperties(properties);
}

function listOf<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

function addTo<R>(list: Entry<R>[], entry: Entry<R>, position: Position): void {
  entry[position] = list.length;
  list.push(entry);
}

/** Takes `entry` out of `list` by moving the last entry into its place. */
function removeFrom<R>(list: Entry<R>[], entry: Entry<R>, position: Position): void {
  const at = entry[position];
  if (list[at] !== entry) return;
  const last = list.pop() as Entry<R>;
  if (last !== entry) {
    list[at] = last;
    last[position] = at;
  }
  entry[position] = -1;
}
