import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicFileWriter, ChangeTrackedFile, readFileOrBackup, writeFileAtomically } from './atomic-file.js';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'atomic-file-'));
  path = join(dir, 'config', 'state.json');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomically and readFileOrBackup', () => {
  it('keeps the previous text in .bak, and reading falls back to it when the file is unreadable', () => {
    writeFileAtomically(path, '{"v":1}');
    writeFileAtomically(path, '{"v":2}');
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('{"v":1}');
    expect(existsSync(`${path}.tmp`)).toBe(false);
    writeFileSync(path, '{"v":');
    expect(readFileOrBackup(path, (text) => JSON.parse(text) as { v: number })).toEqual({ v: 1 });
  });

  it('names both files when neither can be read, and answers undefined when there is none', () => {
    expect(readFileOrBackup(path, JSON.parse)).toBeUndefined();
    writeFileAtomically(path, 'x');
    writeFileAtomically(path, 'y');
    expect(() => readFileOrBackup(path, JSON.parse)).toThrow(/state\.json: .*state\.json\.bak: /);
  });
});

describe('AtomicFileWriter', () => {
  it('coalesces saves asked for during a write into one more write of the newest text', async () => {
    const writer = new AtomicFileWriter(path);
    const saves = [writer.save('a'), writer.save('b'), writer.save('c')];
    await Promise.all(saves);
    expect(readFileSync(path, 'utf8')).toBe('c');
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('a');
  });
});

describe('ChangeTrackedFile', () => {
  it('writes only when something changed since the last write or load', async () => {
    const file = new ChangeTrackedFile(path);
    let encodes = 0;
    const encode = (): string => `text ${++encodes}`;
    await file.persist(encode);
    expect(existsSync(path)).toBe(false);
    file.changed();
    await file.persist(encode);
    await file.persist(encode);
    expect(readFileSync(path, 'utf8')).toBe('text 1');
    file.changed();
    file.loaded();
    await file.persist(encode);
    expect(encodes).toBe(1);
  });

  it('a change made while a write is under way is written by the next persist', async () => {
    const file = new ChangeTrackedFile(path);
    let value = 1;
    file.changed();
    const writing = file.persist(() => `v${value}`);
    value = 2;
    file.changed();
    await writing;
    await file.persist(() => `v${value}`);
    expect(readFileSync(path, 'utf8')).toBe('v2');
  });
});
