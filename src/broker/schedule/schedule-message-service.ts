/**
 * ScheduleMessageService: delivers delayed messages when they are due (Java
 * ScheduleMessageService, 4.9.8).
 *
 * Layout: delay level n (1-based, `messageDelayLevel`) waits in SCHEDULE_TOPIC_XXXX queue
 * n − 1, in store order; a record is due at storeTimestamp + delay(n) (the consume queue's
 * tag code holds the same time). Within a level the records are in due order, so one
 * cursor per level — the next queue offset to look at — is all the progress there is. The
 * cursors live in delayOffset.json (offset/delay-offset-manager.ts).
 *
 * One pass of a level reads a batch from its cursor and stores every due record into its
 * real topic (delivered-message.ts fromScheduleTopic) through MessageStore.putMessage,
 * advancing the cursor past each stored one; it then waits:
 *   - for a timer at the due time of the first record not yet due (one timer per level);
 *   - or, when the level is caught up, for the store to report a new record in that queue
 *     (MessageStore.onMessageArrived);
 *   - or, when the store refused a put or a read failed, `retryDelayMs`, then again from
 *     the first undelivered record.
 * A record is stored only when now ≥ its due time (a due time more than one delay ahead
 * of now means the clock went back: delivered now, as Java does). Records that cannot be
 * delivered (no REAL_TOPIC, undecodable) are logged and passed over.
 *
 * Persistence and restart: cursors move only after the put succeeded; they are written
 * every `flushDelayOffsetIntervalMs` (Java: 10 s) and at shutdown. After a restart each
 * level resumes at its persisted cursor (clamped into the queue's current range, as Java's
 * correctDelayOffset does), so nothing is lost and nothing is delivered early; records
 * delivered after the last write are delivered again (at least once, as in Java).
 *
 * Puts are made one after the other, each awaited, so a refused put stops the level at
 * that record and nothing after it is stored twice. A put that stored the message but
 * could not flush or replicate it in time (FLUSH_DISK_TIMEOUT, …) counts as delivered —
 * Java retries it and so stores it twice.
 */
import { silentLogger, type Logger } from '../../common/log.js';
import { decodeMessageRecord, type MessageRecord } from '../../protocol/message/message-record.js';
import type { DelayLevels } from '../../store/delay-levels.js';
import { SCHEDULE_TOPIC } from '../../store/dispatch-request.js';
import type { GetMessageResult, MessageArrival, MessageStore, MessageToStore } from '../../store/message-store.js';
import { nodeTimers, type TimerScheduler } from '../long-polling/pull-request-hold-service.js';
import { DelayOffsetManager } from '../offset/delay-offset-manager.js';
import { delayLevelOfQueueId, fromScheduleTopic, queueIdOfDelayLevel } from './delivered-message.js';

export const SCHEDULE_SERVICE_DEFAULTS = {
  /** Records read per pass of a level. */
  batchSize: 32,
  retryDelayMs: 1000,
  flushDelayOffsetIntervalMs: 10_000,
} as const;

export interface ScheduleMessageServiceOptions {
  store: MessageStore;
  delayLevels: DelayLevels;
  storePathRootDir: string;
  now?: () => number;
  timers?: TimerScheduler;
  batchSize?: number;
  retryDelayMs?: number;
  flushDelayOffsetIntervalMs?: number;
  logger?: Logger;
}

interface Level {
  readonly level: number;
  readonly queueId: number;
  readonly delayMs: number;
  offset: number;
  timer: unknown;
  running: Promise<void> | null;
  /** Something arrived while a pass was running: run once more after it. */
  again: boolean;
}

/** What a pass ended with. */
type PassEnd = { wait: 'arrival' } | { wait: 'until'; at: number } | { wait: 'retry' } | { wait: 'none' };

export interface LevelProgress {
  level: number;
  /** Next schedule-queue offset to deliver. */
  offset: number;
  /** The schedule queue's max offset. */
  maxOffset: number;
}

export class ScheduleMessageService {
  readonly offsets: DelayOffsetManager;
  private readonly store: MessageStore;
  private readonly delayLevels: DelayLevels;
  private readonly now: () => number;
  private readonly timers: TimerScheduler;
  private readonly batchSize: number;
  private readonly retryDelayMs: number;
  private readonly flushIntervalMs: number;
  private readonly logger: Logger;
  private readonly levels = new Map<number, Level>();
  private started = false;
  private listening = false;
  private flushTimer: unknown = null;

  constructor(options: ScheduleMessageServiceOptions) {
    this.store = options.store;
    this.delayLevels = options.delayLevels;
    this.offsets = new DelayOffsetManager(options.storePathRootDir);
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? nodeTimers;
    this.batchSize = options.batchSize ?? SCHEDULE_SERVICE_DEFAULTS.batchSize;
    this.retryDelayMs = options.retryDelayMs ?? SCHEDULE_SERVICE_DEFAULTS.retryDelayMs;
    this.flushIntervalMs = options.flushDelayOffsetIntervalMs ?? SCHEDULE_SERVICE_DEFAULTS.flushDelayOffsetIntervalMs;
    this.logger = options.logger ?? silentLogger;
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Loads the cursors, corrects them into each queue's range and starts every level. */
  start(): void {
    if (this.started) return;
    this.offsets.load();
    this.started = true;
    const existing = new Set(this.store.queuesOf(SCHEDULE_TOPIC));
    for (let level = 1; level <= this.delayLevels.maxLevel; level++) {
      const queueId = queueIdOfDelayLevel(level);
      const state: Level = { level, queueId, delayMs: this.delayLevels.delayMs(level), offset: 0, timer: null, running: null, again: false };
      state.offset = this.correctedOffset(state, existing.has(queueId));
      this.levels.set(level, state);
    }
    if (!this.listening) {
      this.listening = true;
      this.store.onMessageArrived((arrival) => this.onArrival(arrival));
    }
    this.scheduleFlush();
    for (const state of this.levels.values()) this.kick(state);
  }

  /** Stops every level, waits for passes under way, and writes the cursors. */
  async shutdown(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    if (this.flushTimer !== null) this.timers.clearTimeout(this.flushTimer);
    this.flushTimer = null;
    for (const state of this.levels.values()) this.clearTimer(state);
    await Promise.all([...this.levels.values()].map((state) => state.running));
    await this.offsets.persist();
  }

  /** Writes the cursors if they moved. */
  persist(): Promise<void> {
    return this.offsets.persist();
  }

  /** Cursor and queue end of each level (broker running stats). */
  progress(): LevelProgress[] {
    return [...this.levels.values()].map((state) => ({
      level: state.level,
      offset: state.offset,
      maxOffset: this.store.getMaxOffsetInQueue(SCHEDULE_TOPIC, state.queueId),
    }));
  }

  private correctedOffset(state: Level, queueExists: boolean): number {
    const persisted = this.offsets.get(state.level);
    if (persisted === undefined) return 0;
    if (!queueExists) return persisted;
    const min = this.store.getMinOffsetInQueue(SCHEDULE_TOPIC, state.queueId);
    const max = this.store.getMaxOffsetInQueue(SCHEDULE_TOPIC, state.queueId);
    const corrected = Math.min(Math.max(persisted, min), max);
    if (corrected !== persisted) {
      this.logger.warn({ level: state.level, persisted, min, max }, 'delay offset outside its schedule queue; corrected');
      this.offsets.set(state.level, corrected);
    }
    return corrected;
  }

  // --- driving the levels ------------------------------------------------------------------

  private onArrival(arrival: MessageArrival): void {
    if (!this.started || arrival.topic !== SCHEDULE_TOPIC) return;
    const state = this.levels.get(delayLevelOfQueueId(arrival.queueId));
    if (!state) return;
    if (state.running) state.again = true;
    else if (state.timer === null) this.kick(state);
  }

  /** Runs a pass of the level now (unless one is running, which then runs again). */
  private kick(state: Level): void {
    if (!this.started) return;
    if (state.running) {
      state.again = true;
      return;
    }
    this.clearTimer(state);
    state.again = false;
    state.running = this.pass(state)
      .catch((error: unknown): PassEnd => {
        this.logger.error({ err: (error as Error).message, level: state.level }, 'delivering scheduled messages failed');
        return { wait: 'retry' };
      })
      .then((end) => {
        state.running = null;
        this.afterPass(state, end);
      });
  }

  private afterPass(state: Level, end: PassEnd): void {
    if (!this.started) return;
    if (state.again || end.wait === 'none') return this.kick(state);
    if (end.wait === 'until') return this.setTimer(state, Math.max(0, end.at - this.now()));
    if (end.wait === 'retry') return this.setTimer(state, this.retryDelayMs);
  }

  private setTimer(state: Level, delayMs: number): void {
    this.clearTimer(state);
    state.timer = this.timers.setTimeout(() => {
      state.timer = null;
      this.kick(state);
    }, delayMs);
  }

  private clearTimer(state: Level): void {
    if (state.timer !== null) this.timers.clearTimeout(state.timer);
    state.timer = null;
  }

  private scheduleFlush(): void {
    this.flushTimer = this.timers.setTimeout(() => {
      this.persist()
        .catch((error: unknown) => this.logger.error({ err: (error as Error).message }, 'cannot persist delay offsets'))
        .finally(() => {
          if (this.started) this.scheduleFlush();
        });
    }, this.flushIntervalMs);
  }

  // --- one pass ----------------------------------------------------------------------------

  /** Reads from the cursor and delivers what is due; says what to wait for next. */
  private async pass(state: Level): Promise<PassEnd> {
    while (this.started) {
      const result = await this.store.getMessage(SCHEDULE_TOPIC, state.queueId, state.offset, this.batchSize);
      switch (result.status) {
        case 'FOUND': {
          const end = await this.deliverBatch(state, result);
          if (end) return end;
          break;
        }
        case 'NO_MATCHED_MESSAGE':
        case 'MESSAGE_WAS_REMOVING':
          this.advance(state, result.nextBeginOffset);
          break;
        case 'OFFSET_TOO_SMALL':
        case 'OFFSET_OVERFLOW_BADLY':
          this.logger.warn({ level: state.level, offset: state.offset, next: result.nextBeginOffset }, 'delay offset outside its schedule queue; moved');
          this.advance(state, result.nextBeginOffset);
          if (result.status === 'OFFSET_OVERFLOW_BADLY') return { wait: 'arrival' };
          break;
        case 'OFFSET_FOUND_NULL':
          return { wait: 'retry' };
        case 'OFFSET_OVERFLOW_ONE':
        case 'NO_MESSAGE_IN_QUEUE':
        case 'NO_MATCHED_LOGIC_QUEUE':
          return { wait: 'arrival' };
      }
    }
    return { wait: 'arrival' };
  }

  /** Delivers the due records of a batch in order; null when all were due and stored (read on). */
  private async deliverBatch(state: Level, result: GetMessageResult): Promise<PassEnd | null> {
    for (const bytes of result.records) {
      if (!this.started) return { wait: 'none' };
      const record = this.decode(bytes, state);
      if (!record) continue;
      const now = this.now();
      const dueAt = this.dueTime(state, record.storeTimestamp, now);
      if (dueAt > now) {
        this.advance(state, record.queueOffset);
        return { wait: 'until', at: dueAt };
      }
      if (!(await this.deliver(state, record))) {
        this.advance(state, record.queueOffset);
        return { wait: 'retry' };
      }
      this.advance(state, record.queueOffset + 1);
    }
    this.advance(state, result.nextBeginOffset);
    return null;
  }

  /** Java correctDeliverTimestamp: a due time beyond now + delay means the clock went back. */
  private dueTime(state: Level, storeTimestamp: number, now: number): number {
    const dueAt = storeTimestamp + state.delayMs;
    return dueAt > now + state.delayMs ? now : dueAt;
  }

  private decode(bytes: Buffer, state: Level): MessageRecord | null {
    try {
      return decodeMessageRecord(bytes).record;
    } catch (error) {
      this.logger.error({ err: (error as Error).message, level: state.level }, 'undecodable record in a schedule queue; passed over');
      return null;
    }
  }

  /** Stores the real message of a due record; true when stored or passed over for good. */
  private async deliver(state: Level, record: MessageRecord): Promise<boolean> {
    const delivered = fromScheduleTopic(record);
    if (!delivered.ok) {
      this.logger.error({ level: state.level, queueOffset: record.queueOffset, reason: delivered.reason }, 'scheduled message not delivered');
      return true;
    }
    return this.put(state, delivered.message);
  }

  private async put(state: Level, message: MessageToStore): Promise<boolean> {
    const result = await this.store.putMessage(message);
    if (result.status === 'PUT_OK' || result.status === 'FLUSH_DISK_TIMEOUT' || result.status === 'FLUSH_SLAVE_TIMEOUT' || result.status === 'SLAVE_NOT_AVAILABLE') {
      return true;
    }
    this.logger.warn({ level: state.level, topic: message.topic, status: result.status, remark: result.remark }, 'scheduled message not stored; will retry');
    return false;
  }

  private advance(state: Level, offset: number): void {
    if (state.offset === offset) return;
    state.offset = offset;
    this.offsets.set(state.level, offset);
  }
}
