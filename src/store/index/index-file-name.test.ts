import { describe, expect, it } from 'vitest';
import { indexFileName, indexFileTime, isIndexFileName, nextIndexFileName } from './index-file-name.js';

const created = Date.UTC(2026, 10, 24, 17, 13, 45, 877);

describe('index file names', () => {
  it('are the creation time as yyyyMMddHHmmssSSS', () => {
    expect(indexFileName(created, 'utc')).toBe('20261124171345877');
    expect(indexFileName(Date.UTC(2026, 0, 2, 3, 4, 5, 6), 'utc')).toBe('20260102030405006');
  });

  it('use the local time zone unless told otherwise', () => {
    const local = new Date(created);
    expect(indexFileName(created).slice(8, 10)).toBe(String(local.getHours()).padStart(2, '0'));
  });

  it('parse back to the time they name', () => {
    expect(indexFileTime('20261124171345877', 'utc')).toBe(created);
    expect(indexFileTime(indexFileName(created), 'local')).toBe(created);
    expect(indexFileTime('2026112417134587', 'utc')).toBeNull();
    expect(isIndexFileName('20261124171345877')).toBe(true);
    expect(isIndexFileName('00000000000000000000')).toBe(false);
    expect(isIndexFileName('2026112417134587x')).toBe(false);
  });

  it('always sort after the newest existing name, even in the same millisecond or when the clock steps back', () => {
    expect(nextIndexFileName(created, undefined, 'utc')).toBe('20261124171345877');
    expect(nextIndexFileName(created, '20261124171345877', 'utc')).toBe('20261124171345878');
    expect(nextIndexFileName(created - 60_000, '20261124171345877', 'utc')).toBe('20261124171345878');
    expect(nextIndexFileName(created + 5, '20261124171345877', 'utc')).toBe('20261124171345882');
  });
});
