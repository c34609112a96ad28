/**
 * TransactionalMessageCheckService (Java 4.9.8): every transactionCheckInterval (read once
 * at start, as Java's service thread does) a check pass runs over each half queue in turn
 * (check-pass.ts), with the transactionTimeOut, transactionCheckMax and fileReservedTime of
 * that moment. The next wait starts when a pass ends, so passes never overlap. A failing
 * queue is logged and the others are still checked.
 *
 * Only a master runs it. The timer is unref'd; shutdown() clears it and waits for a pass
 * under way. Progress lives in the CID_RMQ_SYS_TRANS consumer offsets, written with
 * consumerOffset.json.
 */
import { silentLogger, type Logger } from '../../common/log.js';
import { nodeTimers, type TimerScheduler } from '../long-polling/pull-request-hold-service.js';
import { checkHalfQueue, type CheckIo, type CheckSettings, type QueueCheckResult } from './check-pass.js';

export interface TransactionCheckServiceOptions {
  io: CheckIo;
  halfQueueIds: () => number[];
  settings: () => CheckSettings;
  intervalMs: number;
  timers?: TimerScheduler;
  logger?: Logger;
}

export class TransactionCheckService {
  private readonly timers: TimerScheduler;
  private readonly logger: Logger;
  private timer: unknown = null;
  private running: Promise<QueueCheckResult[]> | null = null;
  private started = false;
  private stopping = false;

  constructor(private readonly options: TransactionCheckServiceOptions) {
    this.timers = options.timers ?? nodeTimers;
    this.logger = options.logger ?? silentLogger;
  }

  get isStarted(): boolean {
    return this.started;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.schedule();
  }

  async shutdown(): Promise<void> {
    this.started = false;
    this.stopping = true;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Runs one pass over every half queue now (or joins the one under way). */
  checkNow(): Promise<QueueCheckResult[]> {
    if (!this.running) {
      this.running = this.pass().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private schedule(): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.checkNow().finally(() => {
        if (this.started) this.schedule();
      });
    }, this.options.intervalMs);
  }

  private async pass(): Promise<QueueCheckResult[]> {
    const results: QueueCheckResult[] = [];
    const settings = this.options.settings();
    const begin = this.options.io.now();
    for (const queueId of this.options.halfQueueIds()) {
      if (this.stopping) break;
      try {
        const result = await checkHalfQueue(this.options.io, queueId, settings);
        if (result.skipped) this.logger.error(result, 'transaction check of a half queue skipped');
        results.push(result);
      } catch (error) {
        this.logger.error({ err: (error as Error).message, queueId }, 'transaction check failed');
      }
    }
    this.logger.info({ consumedMs: this.options.io.now() - begin, results }, 'transaction check done');
    return results;
  }
}
