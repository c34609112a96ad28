import { describe, expect, it } from 'vitest';
import { UniqueKeyGenerator, localCalendar, nearlyTimeOfUniqueKey, parseUniqueKey, utcCalendar, type UniqueKeyGeneratorOptions } from './unique-key.js';

const malformed = expect.objectContaining({ code: 'MESSAGE_MALFORMED' });
const NOV_1_2026_UTC = Date.UTC(2026, 10, 1);

function generator(times: number[], overrides: Partial<UniqueKeyGeneratorOptions> = {}): UniqueKeyGenerator {
  let index = 0;
  const clock = () => times[Math.min(index++, times.length - 1)] ?? 0;
  return new UniqueKeyGenerator({ ip: '127.0.0.1', pid: 0x15703, instanceHash: 0x30946e09, clock, calendar: utcCalendar, ...overrides });
}

describe('UniqueKeyGenerator', () => {
  it('writes ip, low 16 bits of the pid, instance hash, ms since the month began and a counter', () => {
    const keys = generator([NOV_1_2026_UTC, NOV_1_2026_UTC + 0x79fb1b4e]);
    expect(keys.next()).toBe('7F000001' + '5703' + '30946E09' + '79FB1B4E' + '0000');
  });

  it('counts up per key and wraps at 2^16', () => {
    const keys = generator([NOV_1_2026_UTC]);
    const counters = Array.from({ length: 65538 }, () => parseUniqueKey(keys.next()).counter);
    expect(counters.slice(0, 3)).toEqual([0, 1, 2]);
    expect(counters.slice(-3)).toEqual([65535, 0, 1]);
  });

  it('measures from the start of the new month once a month has passed', () => {
    const keys = generator([NOV_1_2026_UTC, Date.UTC(2026, 11, 1) + 5]);
    expect(parseUniqueKey(keys.next()).msSinceMonthStart).toBe(5);
  });

  it('writes offsets past 2^31 (the end of a 31-day month) as unsigned', () => {
    const late = Date.UTC(2026, 11, 31, 23, 59, 59);
    const keys = generator([late, late], {});
    expect(parseUniqueKey(keys.next()).msSinceMonthStart).toBe(late - Date.UTC(2026, 11, 1));
  });

  it('writes 0 when the clock steps back a little before the month began', () => {
    const keys = generator([NOV_1_2026_UTC, NOV_1_2026_UTC - 500]);
    expect(parseUniqueKey(keys.next()).msSinceMonthStart).toBe(0);
  });

  it('uses the previous month when the clock steps back far', () => {
    const back = NOV_1_2026_UTC - 5_000_000;
    const keys = generator([NOV_1_2026_UTC, back]);
    expect(parseUniqueKey(keys.next()).msSinceMonthStart).toBe(back - Date.UTC(2026, 9, 1));
  });

  it('makes 56-char keys for an IPv6 client and 32-char keys for an IPv4-mapped one', () => {
    expect(generator([NOV_1_2026_UTC], { ip: '2001:db8::1' }).next()).toHaveLength(56);
    expect(generator([NOV_1_2026_UTC], { ip: '::ffff:127.0.0.1' }).next().slice(0, 8)).toBe('7F000001');
  });

  it('measures months in local time by default', () => {
    const now = Date.UTC(2026, 10, 15, 12);
    const keys = new UniqueKeyGenerator({ ip: '1.2.3.4', pid: 1, instanceHash: 1, clock: () => now });
    expect(parseUniqueKey(keys.next()).msSinceMonthStart).toBe(now - localCalendar.monthStartMs(now, 0));
  });
});

describe('parseUniqueKey', () => {
  it('reads back every field', () => {
    expect(parseUniqueKey('7F000001570330946E0979FB1B4E0002')).toEqual({
      ip: '127.0.0.1',
      pid: 0x5703,
      instanceHash: 0x30946e09,
      msSinceMonthStart: 0x79fb1b4e,
      counter: 2,
    });
  });

  it('reads a negative instance hash as a signed int', () => {
    expect(parseUniqueKey('7F0000015703FFFFFFFF79FB1B4E0002').instanceHash).toBe(-1);
  });

  it('refuses keys of another length or with non-hex characters', () => {
    for (const bad of ['', '7F00', '7F000001570330946E0979FB1B4E000Z', `${'0'.repeat(33)}`]) {
      expect(() => parseUniqueKey(bad), bad).toThrow(malformed);
    }
  });
});

describe('nearlyTimeOfUniqueKey', () => {
  const keyAt = (madeAt: number) => generator([madeAt]).next();

  it('puts the key in the current month when that is before now', () => {
    const madeAt = Date.UTC(2026, 10, 24, 17, 13, 50, 686);
    expect(nearlyTimeOfUniqueKey(keyAt(madeAt), madeAt + 1000, utcCalendar)).toBe(madeAt);
  });

  it('puts the key in the previous month when the current month would place it at or after now', () => {
    const madeAt = Date.UTC(2026, 9, 30, 10);
    expect(nearlyTimeOfUniqueKey(keyAt(madeAt), Date.UTC(2026, 10, 2), utcCalendar)).toBe(madeAt);
    expect(nearlyTimeOfUniqueKey(keyAt(madeAt), madeAt, utcCalendar)).toBe(Date.UTC(2026, 8, 30, 10));
  });

  it('reads the captured key 7F00000144015FFD2B277A24C75E0002 as its born time on a UTC host', () => {
    expect(nearlyTimeOfUniqueKey('7F00000144015FFD2B277A24C75E0002', 1795540430689, utcCalendar)).toBe(1795540430686);
  });
});
