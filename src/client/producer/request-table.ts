/**
 * The requests of one client instance waiting for their reply, keyed by CORRELATION_ID
 * (Java `RequestFutureHolder`'s table of `RequestResponseFuture`s; Java keeps one table
 * per process, here each client instance has its own, since replies come to the
 * instance whose client id the request named).
 *
 * An entry is settled exactly once, and leaves the table when it is:
 *
 * - `complete(reply)`: the reply with its CORRELATION_ID came (PUSH_REPLY_MESSAGE_TO_CLIENT);
 * - `fail(id, error)`: the request could not be sent;
 * - its deadline: a `deadline` entry (the `request` promise form, Java's wait on the
 *   future's latch) is rejected by its own timer when `timeoutMs` has passed; every entry
 *   (also `sweep` ones: Java's callback forms) is rejected by the sweep that runs every
 *   `sweepIntervalMs` (Java: every second) once more than `timeoutMs` passed since it began;
 * - `settleOwner(owner, error)` / `close(error)`: its producer or the instance shut down.
 *
 * Bounded: past `maxPending` entries a new request is refused with TOO_MANY_REQUESTS
 * (Java's table has no bound). The sweep timer runs only while the table has entries and
 * never keeps the process alive.
 */
import type { Logger } from '../../common/log.js';
import { MQClientError, RequestTimeoutError } from '../errors.js';
import type { ReceivedReply } from './reply-message.js';

/** Java `RequestCallback`: the outcome of a request sent with `requestAsync`. */
export interface RequestCallback {
  onSuccess(reply: ReceivedReply): void;
  onException(error: unknown): void;
}

export interface RequestTableOptions {
  maxPending: number;
  sweepIntervalMs: number;
  /** Epoch ms now; the begin and expiry of entries. */
  clock: () => number;
  logger: Logger;
}

export interface PendingRequestInit {
  correlationId: string;
  /** Who sent it (its producer); `settleOwner` settles only its entries. */
  owner: object;
  timeoutMs: number;
  /** `deadline`: also rejected by a timer of its own at timeoutMs. `sweep`: only by the sweep. */
  expiry: 'deadline' | 'sweep';
  /** The message of the RequestTimeoutError it is rejected with at its deadline. */
  timeoutMessage: string;
}

interface PendingRequest extends PendingRequestInit {
  beginMs: number;
  resolve(reply: ReceivedReply): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout | undefined;
}

/** The message of an entry rejected by the sweep (Java's scanExpiredRequest). */
export const SWEPT_REQUEST_MESSAGE = 'request timeout, no reply message.';

export class RequestTable {
  private readonly pending = new Map<string, PendingRequest>();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly options: RequestTableOptions) {}

  get size(): number {
    return this.pending.size;
  }

  has(correlationId: string): boolean {
    return this.pending.has(correlationId);
  }

  /**
   * Enters a request; the promise settles with its reply or its failure. Throws (before
   * anything is entered) TOO_MANY_REQUESTS when the table is full, CLIENT_ILLEGAL_ARGUMENT
   * for a CORRELATION_ID already waiting.
   */
  register(init: PendingRequestInit): Promise<ReceivedReply> {
    if (this.pending.size >= this.options.maxPending) {
      throw new MQClientError('TOO_MANY_REQUESTS', `${this.pending.size} requests are already waiting for their reply (at most ${this.options.maxPending}); try again later`);
    }
    if (this.pending.has(init.correlationId)) {
      throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `a request with CORRELATION_ID ${init.correlationId} is already waiting`);
    }
    return new Promise<ReceivedReply>((resolve, reject) => {
      const entry: PendingRequest = { ...init, beginMs: this.options.clock(), resolve, reject, timer: undefined };
      if (init.expiry === 'deadline') {
        entry.timer = setTimeout(() => this.expire(entry), Math.max(0, init.timeoutMs));
        entry.timer.unref();
      }
      this.pending.set(init.correlationId, entry);
      this.startSweeping();
    });
  }

  /** Settles the request `reply` answers; false when none waits for it (unknown or already settled). */
  complete(reply: ReceivedReply): boolean {
    const entry = reply.correlationId === undefined ? undefined : this.take(reply.correlationId);
    if (entry === undefined) return false;
    entry.resolve(reply);
    return true;
  }

  /** Rejects the request with `error` (its send failed). */
  fail(correlationId: string, error: unknown): void {
    this.take(correlationId)?.reject(error);
  }

  /** Rejects every entry older than its timeout (Java: `now - begin > timeout`); returns how many. */
  sweep(): number {
    const now = this.options.clock();
    const expired = [...this.pending.values()].filter((entry) => now - entry.beginMs > entry.timeoutMs);
    for (const entry of expired) {
      this.options.logger.warn({ correlationId: entry.correlationId }, 'remove timeout request');
      this.take(entry.correlationId);
      entry.reject(new RequestTimeoutError(entry.expiry === 'deadline' ? entry.timeoutMessage : SWEPT_REQUEST_MESSAGE));
    }
    return expired.length;
  }

  /** Rejects the entries of `owner` with `error`. */
  settleOwner(owner: object, error: unknown): void {
    for (const entry of [...this.pending.values()]) {
      if (entry.owner === owner) this.take(entry.correlationId)?.reject(error);
    }
  }

  /** Rejects every entry with `error`. */
  close(error: unknown): void {
    for (const entry of [...this.pending.values()]) this.take(entry.correlationId)?.reject(error);
  }

  private expire(entry: PendingRequest): void {
    if (this.pending.get(entry.correlationId) !== entry) return;
    this.take(entry.correlationId);
    entry.reject(new RequestTimeoutError(entry.timeoutMessage));
  }

  private take(correlationId: string): PendingRequest | undefined {
    const entry = this.pending.get(correlationId);
    if (entry === undefined) return undefined;
    this.pending.delete(correlationId);
    clearTimeout(entry.timer);
    if (this.pending.size === 0) this.stopSweeping();
    return entry;
  }

  private startSweeping(): void {
    if (this.sweeper !== undefined) return;
    this.sweeper = setInterval(() => {
      try {
        this.sweep();
      } catch (error) {
        this.options.logger.error({ err: (error as Error).message }, 'scan of the request table failed');
      }
    }, this.options.sweepIntervalMs);
    this.sweeper.unref();
  }

  private stopSweeping(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }
}
