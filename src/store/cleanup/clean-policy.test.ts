import { describe, expect, it } from 'vitest';
import { decideClean, isHourListed } from './clean-policy.js';

const base = { hour: 12, deleteWhen: '04', diskUsedRatio: 0.5, diskMaxUsedSpaceRatio: 75, manualDelete: false, diskFull: false };

describe('clean policy', () => {
  it('deletes expired files only at the listed hours while the disk has room', () => {
    expect(decideClean(base)).toEqual({ deleteExpired: false, cleanAtOnce: false, diskFull: false });
    expect(decideClean({ ...base, hour: 4 }).deleteExpired).toBe(true);
    expect(decideClean({ ...base, hour: 16, deleteWhen: '04;16' }).deleteExpired).toBe(true);
  });

  it('deletes at any hour past diskMaxUsedSpaceRatio, and on an operator request', () => {
    expect(decideClean({ ...base, diskUsedRatio: 0.76 }).deleteExpired).toBe(true);
    expect(decideClean({ ...base, manualDelete: true }).deleteExpired).toBe(true);
  });

  it('deletes unexpired files past 85 % and refuses writes past 90 % until usage falls to 85 %', () => {
    expect(decideClean({ ...base, diskUsedRatio: 0.86 })).toEqual({ deleteExpired: true, cleanAtOnce: true, diskFull: false });
    const full = decideClean({ ...base, diskUsedRatio: 0.91 });
    expect(full).toEqual({ deleteExpired: true, cleanAtOnce: true, diskFull: true });
    expect(decideClean({ ...base, diskUsedRatio: 0.88, diskFull: true }).diskFull).toBe(true);
    expect(decideClean({ ...base, diskUsedRatio: 0.84, diskFull: true }).diskFull).toBe(false);
  });

  it('reads deleteWhen as hours separated by semicolons', () => {
    expect(isHourListed(4, '04')).toBe(true);
    expect(isHourListed(5, '04')).toBe(false);
    expect(isHourListed(0, '')).toBe(false);
  });
});
