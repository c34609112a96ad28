/**
 * One call of a message listener, bounded in time: the listener's answer, or what went
 * wrong — it threw or rejected (`error`), answered nothing (`status` undefined), or had
 * not answered within `timeoutMs` (`timedOut`; whatever it answers later is ignored, and
 * `late` settles when it finally does, so callers can count listeners still running).
 */
export interface ListenerOutcome<S> {
  status: S | undefined;
  error: unknown;
  timedOut: boolean;
  spentMs: number;
  /** Settles when the listener itself has finished (at once unless it timed out). */
  late: Promise<void>;
}

type Answer<S> = S | undefined | void | Promise<S | undefined | void>;

export async function callListener<S>(call: () => Answer<S>, timeoutMs: number, now: () => number = Date.now): Promise<ListenerOutcome<S>> {
  const begin = now();
  let running: Promise<S | undefined | void>;
  try {
    running = Promise.resolve(call());
  } catch (error) {
    return { status: undefined, error, timedOut: false, spentMs: now() - begin, late: Promise.resolve() };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(1, timeoutMs));
  });
  const settled = running.then(
    (status) => ({ status: status ?? undefined, error: undefined }),
    (error: unknown) => ({ status: undefined, error: error ?? new Error('the listener rejected without a reason') }),
  );
  const first = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  const late = settled.then(() => undefined);
  if (first === 'timeout') return { status: undefined, error: undefined, timedOut: true, spentMs: now() - begin, late };
  return { status: first.status as S | undefined, error: first.error, timedOut: false, spentMs: now() - begin, late: Promise.resolve() };
}
