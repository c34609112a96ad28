import { describe, expect, it } from 'vitest';
import { callListener, callListenerNow } from './listener-call.js';

describe('a listener call', () => {
  it('answers the status, a throw, a rejection or nothing', async () => {
    expect((await callListener(() => 'OK', 100)).status).toBe('OK');
    expect((await callListener(() => Promise.resolve('OK'), 100)).status).toBe('OK');
    const thrown = await callListener(() => {
      throw new Error('boom');
    }, 100);
    expect(thrown).toMatchObject({ status: undefined, timedOut: false });
    expect((thrown.error as Error).message).toBe('boom');
    expect((await callListener(() => Promise.reject(new Error('no')), 100)).error).toBeInstanceOf(Error);
    expect(await callListener(() => undefined, 100)).toMatchObject({ status: undefined, error: undefined, timedOut: false });
  });

  it('times out; `late` settles when the listener finally answers', async () => {
    let finish: () => void = () => undefined;
    const outcome = await callListener(() => new Promise<string>((resolve) => (finish = () => resolve('late'))), 20);
    expect(outcome).toMatchObject({ status: undefined, timedOut: true });
    let settled = false;
    void outcome.late.then(() => (settled = true));
    finish();
    await outcome.late;
    expect(settled).toBe(true);
  });

  it('gives the outcome of a synchronous listener at once, and a promise only for an asynchronous one', async () => {
    let clock = 100;
    const now = (): number => (clock += 5);
    expect(callListenerNow(() => 'OK', 100, now)).toMatchObject({ status: 'OK', error: undefined, timedOut: false, spentMs: 5 });
    const thrown = callListenerNow(() => {
      throw new Error('boom');
    }, 100, now);
    expect(thrown).not.toBeInstanceOf(Promise);
    expect(thrown).toMatchObject({ status: undefined, timedOut: false });
    const pending = callListenerNow(() => Promise.resolve('LATER'), 100, now);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toMatchObject({ status: 'LATER', timedOut: false });
  });
});
