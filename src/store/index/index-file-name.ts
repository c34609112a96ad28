/**
 * Index file names: the file's creation time as `yyyyMMddHHmmssSSS` (17 digits) in the
 * broker's time zone (RocketMQ `UtilAll.timeMillisToHumanString`), e.g. 20261124171345877.
 * Names sort in creation order as long as the clock does not step back, so the index
 * makes each new name later than the last one.
 */

export type IndexTimeZone = 'local' | 'utc';

const NAME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{3})$/;

export function isIndexFileName(name: string): boolean {
  return NAME.test(name);
}

export function indexFileName(epochMs: number, timeZone: IndexTimeZone = 'local'): string {
  const date = new Date(epochMs);
  const utc = timeZone === 'utc';
  const parts = [
    [utc ? date.getUTCFullYear() : date.getFullYear(), 4],
    [(utc ? date.getUTCMonth() : date.getMonth()) + 1, 2],
    [utc ? date.getUTCDate() : date.getDate(), 2],
    [utc ? date.getUTCHours() : date.getHours(), 2],
    [utc ? date.getUTCMinutes() : date.getMinutes(), 2],
    [utc ? date.getUTCSeconds() : date.getSeconds(), 2],
    [utc ? date.getUTCMilliseconds() : date.getMilliseconds(), 3],
  ] as const;
  return parts.map(([value, width]) => String(value).padStart(width, '0')).join('');
}

/** The epoch ms a name stands for, or null when it is not an index file name. */
export function indexFileTime(name: string, timeZone: IndexTimeZone = 'local'): number | null {
  const match = NAME.exec(name);
  if (!match) return null;
  const [year, month, day, hour, minute, second, ms] = match.slice(1).map(Number) as [
    number, number, number, number, number, number, number,
  ];
  const time =
    timeZone === 'utc'
      ? Date.UTC(year, month - 1, day, hour, minute, second, ms)
      : new Date(year, month - 1, day, hour, minute, second, ms).getTime();
  return Number.isNaN(time) ? null : time;
}

/** A name for a file created at `now` that sorts after `lastName` (if any). */
export function nextIndexFileName(now: number, lastName: string | undefined, timeZone: IndexTimeZone = 'local'): string {
  if (lastName === undefined) return indexFileName(now, timeZone);
  const lastTime = indexFileTime(lastName, timeZone);
  let time = lastTime === null ? now : Math.max(now, lastTime + 1);
  let name = indexFileName(time, timeZone);
  // Only a repeated local hour (daylight saving ends) can still produce an earlier name.
  for (let step = 0; name <= lastName && step < 2 * 3600; step++) {
    time += 1000;
    name = indexFileName(time, timeZone);
  }
  return name;
}
