/**
 * Polls `condition` every `everyMs` until it holds (true) or `timeoutMs` passed (false):
 * how a consumer waits, boundedly, for listener calls of a queue to end before giving the
 * queue up. The timer does not keep the process alive.
 */
export async function waitUntil(condition: () => boolean, timeoutMs: number, everyMs = 10): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() >= deadline) return false;
    await new Promise<void>((resolve) => setTimeout(resolve, everyMs).unref());
  }
  return true;
}
