import { describe, expect, it } from 'vitest';
import { silentLogger } from '../common/log.js';
import { RebalanceService } from './rebalance-service.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('rebalance service', () => {
  it('runs every interval and at once when woken; wake-ups during a run make one more run, never an overlapping one', async () => {
    let runs = 0;
    let active = 0;
    let overlap = false;
    const service = new RebalanceService(
      async () => {
        runs++;
        active++;
        overlap ||= active > 1;
        await sleep(20);
        active--;
      },
      60_000,
      silentLogger,
    );
    service.wakeup();
    expect(runs).toBe(0);
    service.start();
    service.wakeup();
    await sleep(5);
    expect(runs).toBe(1);
    service.wakeup();
    service.wakeup();
    await sleep(60);
    expect(runs).toBe(2);
    expect(overlap).toBe(false);
    service.stop();
    service.wakeup();
    await sleep(30);
    expect(runs).toBe(2);
  });
});
