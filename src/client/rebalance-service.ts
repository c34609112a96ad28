/**
 * RebalanceService: runs the consumers' rebalance of one client instance every
 * `intervalMs` (Java `RebalanceService`, 20 s, `rocketmq.client.rebalance.waitInterval`)
 * and at once when woken (a consumer started, resumed, or a broker sent
 * NOTIFY_CONSUMER_IDS_CHANGED).
 *
 * Runs never overlap: a wake-up during a run makes one more run follow it, however many
 * wake-ups came. The timer never keeps the process alive.
 */
import type { Logger } from '../common/log.js';

export class RebalanceService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(
    private readonly rebalance: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(this.intervalMs);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Rebalances now (or right after the run under way). */
  wakeup(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Resolves when the run under way (if any) and the one it triggers have finished. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runOnce();
    }, delayMs);
    this.timer.unref();
  }

  private runOnce(): void {
    if (this.stopped || this.running) return;
    this.again = false;
    this.running = this.rebalance()
      .catch((error: unknown) => this.logger.warn({ err: (error as Error).message }, 'rebalance failed'))
      .finally(() => {
        this.running = null;
        if (!this.stopped) this.schedule(this.again ? 0 : this.intervalMs);
      });
  }
}
