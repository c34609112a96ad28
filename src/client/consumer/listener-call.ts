/**
 * One call of a message listener, bounded in time: the listener's answer, or what went
 * wrong — it threw or rejected (`error`), answered nothing (`status` undefined), or had
 * not answered within `timeoutMs` (`timedOut`; whatever it answers later is ignored, and
 * `late` settles when it finally does, so callers can count listeners still running).
 *
 * A listener that answers synchronously costs no timer, and callListenerNow gives its
 * outcome at once (no promise, no turn of the microtask queue). Pending asynchronous calls
 * share one timer (DeadlineWatch), armed for the earliest deadline, instead of one timer each.
 */
export interface ListenerOutcome<S> {
  status: S | undefined;
  error: unknown;
  timedOut: boolean;
  spentMs: number;
  /** Settles when the listener itself has finished (at once unless it timed out). */
  late: Promise<void>;
}

type Answer<S> = S | undefined | void | PromiseLike<S | undefined | void>;

interface Deadline {
  at: number;
  fire: () => void;
}

/** The deadlines of listener calls under way, checked by one timer armed for the earliest. */
class DeadlineWatch {
  private readonly deadlines = new Set<Deadline>();
  private timer: NodeJS.Timeout | null = null;
  private armedAt = Number.POSITIVE_INFINITY;

  add(at: number, fire: () => void): Deadline {
    const deadline = { at, fire };
    this.deadlines.add(deadline);
    if (at < this.armedAt) this.arm(at);
    return deadline;
  }

  remove(deadline: Deadline): void {
    this.deadlines.delete(deadline);
    if (this.deadlines.size === 0 && this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
      this.armedAt = Number.POSITIVE_INFINITY;
    }
  }

  private arm(at: number): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.armedAt = at;
    this.timer = setTimeout(() => this.sweep(), Math.max(0, at - Date.now()));
    this.timer.unref();
  }

  private sweep(): void {
    this.timer = null;
    this.armedAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of this.deadlines) {
      if (deadline.at <= now) {
        this.deadlines.delete(deadline);
        deadline.fire();
      } else if (deadline.at < next) next = deadline.at;
    }
    if (next < Number.POSITIVE_INFINITY) this.arm(next);
  }
}

const watch = new DeadlineWatch();
const SETTLED: Promise<void> = Promise.resolve();

function isThenable<S>(value: Answer<S>): value is PromiseLike<S | undefined | void> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

export function callListener<S>(call: () => Answer<S>, timeoutMs: number, now: () => number = Date.now): Promise<ListenerOutcome<S>> {
  const outcome = callListenerNow(call, timeoutMs, now);
  return outcome instanceof Promise ? outcome : Promise.resolve(outcome);
}

/**
 * As callListener, but the outcome of a listener that answered synchronously comes at once.
 * `begin` is the call's start by `now` when the caller has just read it.
 */
export function callListenerNow<S>(call: () => Answer<S>, timeoutMs: number, now: () => number = Date.now, begin: number = now()): ListenerOutcome<S> | Promise<ListenerOutcome<S>> {
  let answer: Answer<S>;
  try {
    answer = call();
  } catch (error) {
    return { status: undefined, error, timedOut: false, spentMs: now() - begin, late: SETTLED };
  }
  if (!isThenable(answer)) return { status: answer ?? undefined, error: undefined, timedOut: false, spentMs: now() - begin, late: SETTLED };
  return pendingOutcome(answer, begin, timeoutMs, now);
}

function pendingOutcome<S>(pending: PromiseLike<S | undefined | void>, begin: number, timeoutMs: number, now: () => number): Promise<ListenerOutcome<S>> {
  return new Promise((resolve) => {
    const deadline = watch.add(Date.now() + Math.max(1, timeoutMs), () => {
      const late = Promise.resolve(pending).then(
        () => undefined,
        () => undefined,
      );
      resolve({ status: undefined, error: undefined, timedOut: true, spentMs: now() - begin, late });
    });
    pending.then(
      (status) => {
        watch.remove(deadline);
        resolve({ status: status ?? undefined, error: undefined, timedOut: false, spentMs: now() - begin, late: SETTLED });
      },
      (error: unknown) => {
        watch.remove(deadline);
        resolve({ status: undefined, error: error ?? new Error('the listener rejected without a reason'), timedOut: false, spentMs: now() - begin, late: SETTLED });
      },
    );
  });
}
