import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRocketMQError } from '../../common/errors.js';
import type { DispatchRequest } from '../dispatch-request.js';
import { FileHandleCache } from '../file-handle-cache.js';
import { ConsumeQueue, type PutPositionResult } from './consume-queue.js';
import { BLANK_UNIT_SIZE, CQ_STORE_UNIT_SIZE, type ConsumeQueueUnit } from './cq-unit.js';

const UNITS_PER_FILE = 7;
const READ_LIMIT = Math.floor((64 * 1024) / CQ_STORE_UNIT_SIZE);

interface Cell {
  commitLogOffset: number;
  size: number;
  tagsCode: number;
}

const BLANK: Cell = { commitLogOffset: 0, size: BLANK_UNIT_SIZE, tagsCode: 0 };
const isMessage = (cell: Cell | undefined): cell is Cell => cell !== undefined && cell !== BLANK;

type PutOutcome = PutPositionResult | 'GAP';

/** The consume queue as a plain map of offsets to units, with the same rules. */
class Model {
  cells = new Map<number, Cell>();
  dataStart = 0;
  min = 0;
  max = 0;
  maxPhysic = -1;

  private fileStart(offset: number): number {
    return offset - (offset % UNITS_PER_FILE);
  }

  put(cell: Cell, expected: number): PutOutcome {
    if (cell.commitLogOffset + cell.size <= this.maxPhysic) return { status: 'DUPLICATE', reason: 'PHYSICAL_OFFSET' };
    const fresh = this.max === this.dataStart;
    if (fresh && expected !== this.max) {
      this.cells.clear();
      this.dataStart = this.max = this.fileStart(expected);
      this.min = expected;
    } else if (!fresh && expected < this.max) return { status: 'DUPLICATE', reason: 'QUEUE_OFFSET' };
    const blanks = expected - this.max;
    if (!fresh && blanks > UNITS_PER_FILE) return 'GAP';
    for (let i = 0; i < blanks; i++) this.cells.set(this.max++, BLANK);
    this.cells.set(this.max++, cell);
    this.maxPhysic = cell.commitLogOffset + cell.size;
    return { status: 'APPENDED', blankUnits: blanks };
  }

  firstMessageAtLeast(threshold: number): number {
    for (let i = this.dataStart; i < this.max; i++) {
      const cell = this.cells.get(i);
      if (isMessage(cell) && cell.commitLogOffset >= threshold) return i;
    }
    return this.max;
  }

  lastMessage(from: number, to: number): Cell | undefined {
    for (let i = to - 1; i >= from; i--) {
      const cell = this.cells.get(i);
      if (isMessage(cell)) return cell;
    }
    return undefined;
  }

  lastMessageEnd(from: number, to: number): number {
    const last = this.lastMessage(from, to);
    return last === undefined ? -1 : last.commitLogOffset + last.size;
  }

  truncate(end: number): void {
    if (this.max === this.dataStart) return;
    const cut = end <= 0 ? this.dataStart : this.firstMessageAtLeast(end);
    if (cut >= this.max) return;
    for (let i = cut; i < this.max; i++) this.cells.delete(i);
    this.max = cut;
    if (cut === this.dataStart) {
      this.reset();
      return;
    }
    this.min = Math.min(this.min, cut);
    this.maxPhysic = this.lastMessageEnd(this.dataStart, cut);
  }

  deleteExpired(minCommitLogOffset: number): number {
    let deleted = 0;
    while (this.max > this.dataStart && this.dataStart < this.fileStart(this.max - 1)) {
      const last = this.lastMessage(this.dataStart, this.dataStart + UNITS_PER_FILE);
      if (last !== undefined && last.commitLogOffset >= minCommitLogOffset) break;
      this.dataStart += UNITS_PER_FILE;
      deleted++;
    }
    if (deleted > 0) this.min = Math.max(this.min, this.dataStart);
    this.correctMin(minCommitLogOffset);
    return deleted;
  }

  correctMin(minCommitLogOffset: number): void {
    if (this.max !== this.dataStart) this.min = this.firstMessageAtLeast(minCommitLogOffset);
  }

  reopen(): void {
    if (this.max === this.dataStart) {
      this.reset();
      return;
    }
    this.min = this.dataStart;
    while (this.min < this.max && !isMessage(this.cells.get(this.min))) this.min++;
    const scanFrom = Math.max(this.dataStart, this.fileStart(this.max - 1) - 2 * UNITS_PER_FILE);
    this.maxPhysic = this.lastMessageEnd(scanFrom, this.max);
  }

  read(start: number, count: number): ConsumeQueueUnit[] {
    if (start < this.min || start >= this.max) return [];
    const units: ConsumeQueueUnit[] = [];
    for (let i = start; i < Math.min(this.max, start + count, start + READ_LIMIT); i++) {
      units.push({ ...(this.cells.get(i) as Cell), queueOffset: i });
    }
    return units;
  }

  private reset(): void {
    this.cells.clear();
    this.dataStart = this.min = this.max = 0;
    this.maxPhysic = -1;
  }
}

type Op =
  | { kind: 'append'; count: number; size: number }
  | { kind: 'gap'; skip: number }
  | { kind: 'duplicate'; pick: number; samePhysical: boolean }
  | { kind: 'flush'; pages: number }
  | { kind: 'truncate'; pick: number }
  | { kind: 'expire'; pick: number }
  | { kind: 'correct'; pick: number }
  | { kind: 'reopen' }
  | { kind: 'read'; start: number; count: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 25 }), size: fc.integer({ min: 1, max: 300 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('gap' as const), skip: fc.integer({ min: 1, max: UNITS_PER_FILE + 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat(), samePhysical: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('flush' as const), pages: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('expire' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const), start: fc.integer({ min: -2, max: 120 }), count: fc.integer({ min: 0, max: 40 }) }) },
);

function requestFor(cell: Cell, queueOffset: number): DispatchRequest {
  return {
    topic: 'P',
    queueId: 0,
    commitLogOffset: cell.commitLogOffset,
    msgSize: cell.size,
    tagsCode: cell.tagsCode,
    storeTimestamp: 0,
    consumeQueueOffset: queueOffset,
    keys: '',
    uniqKey: null,
    sysFlag: 0,
    preparedTransactionOffset: 0,
  };
}

async function outcome(promise: Promise<PutPositionResult>): Promise<PutOutcome> {
  try {
    return await promise;
  } catch (error) {
    if (isRocketMQError(error, 'STORE_OFFSET_GAP')) return 'GAP';
    throw error;
  }
}

/** Runs the ops against a real queue and the model, checking that they agree after each. */
class Harness {
  readonly model = new Model();
  private nextPhysical = 0;
  private readonly boundaries: number[] = [0];
  queue: ConsumeQueue;

  constructor(
    private readonly dir: string,
    private readonly handles: FileHandleCache,
    private readonly bufferUnits: number,
  ) {
    this.queue = this.open();
  }

  open(): ConsumeQueue {
    return new ConsumeQueue({
      topic: 'P',
      queueId: 0,
      dir: this.dir,
      mappedFileSizeConsumeQueue: UNITS_PER_FILE * CQ_STORE_UNIT_SIZE,
      handles: this.handles,
      writeBufferBytes: this.bufferUnits * CQ_STORE_UNIT_SIZE,
    });
  }

  private newCell(size: number): Cell {
    const cell = { commitLogOffset: this.nextPhysical, size, tagsCode: this.nextPhysical - 1000 };
    this.nextPhysical += size;
    this.boundaries.push(this.nextPhysical);
    return cell;
  }

  private async put(cell: Cell, expected: number): Promise<void> {
    const real = await outcome(this.queue.putMessagePositionInfo(requestFor(cell, expected)));
    expect(real).toEqual(this.model.put(cell, expected));
  }

  private pickBoundary(pick: number): number {
    return this.boundaries[pick % this.boundaries.length] as number;
  }

  async apply(op: Op): Promise<void> {
    const { model, queue } = this;
    switch (op.kind) {
      case 'append':
        for (let i = 0; i < op.count; i++) await this.put(this.newCell(op.size), model.max);
        break;
      case 'gap':
        await this.put(this.newCell(10), model.max + op.skip);
        break;
      case 'duplicate': {
        const offsets = [...model.cells.entries()].filter(([, cell]) => isMessage(cell));
        const chosen = offsets[op.pick % Math.max(1, offsets.length)];
        if (chosen !== undefined) await this.put(op.samePhysical ? chosen[1] : this.newCell(5), chosen[0]);
        break;
      }
      case 'flush':
        await queue.flush(op.pages);
        break;
      case 'truncate': {
        const end = this.pickBoundary(op.pick);
        await queue.truncateDirtyLogicFiles(end);
        model.truncate(end);
        this.nextPhysical = Math.min(this.nextPhysical, end);
        this.boundaries.splice(0, this.boundaries.length, ...this.boundaries.filter((b) => b <= this.nextPhysical));
        break;
      }
      case 'expire': {
        const min = this.pickBoundary(op.pick);
        expect(await queue.deleteExpiredFiles(min)).toBe(model.deleteExpired(min));
        break;
      }
      case 'correct': {
        const min = this.pickBoundary(op.pick);
        await queue.correctMinOffset(min);
        model.correctMin(min);
        break;
      }
      case 'reopen':
        await queue.close();
        this.queue = this.open();
        await this.queue.load();
        model.reopen();
        break;
      case 'read':
        expect(await queue.getUnits(op.start, op.count)).toEqual(model.read(op.start, op.count));
        break;
    }
  }

  async check(): Promise<void> {
    const { model, queue } = this;
    expect([queue.minOffset, queue.maxOffset, queue.maxPhysicOffset]).toEqual([model.min, model.max, model.maxPhysic]);
    for (let offset = model.min; offset < model.max; offset += 50) {
      expect(await queue.getUnits(offset, 50)).toEqual(model.read(offset, 50));
    }
  }
}

describe('ConsumeQueue against a model (property)', () => {
  it('agrees with an in-memory model over random appends, gaps, duplicates, flushes, reads, truncations, expiry and reopening', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 12 }), async (ops, bufferUnits) => {
        const root = mkdtempSync(join(tmpdir(), 'cq-prop-'));
        const handles = new FileHandleCache(8);
        const harness = new Harness(join(root, 'P', '0'), handles, bufferUnits);
        try {
          await harness.queue.load();
          for (const op of ops) {
            await harness.apply(op);
            await harness.check();
          }
          await harness.queue.close();
          const reopened = harness.open();
          await reopened.load();
          harness.model.reopen();
          harness.queue = reopened;
          await harness.check();
        } finally {
          await handles.closeAll();
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('ConsumeQueue recovery of a torn file (property)', () => {
  async function written(root: string, count: number, handles: FileHandleCache): Promise<{ dir: string; units: ConsumeQueueUnit[] }> {
    const dir = join(root, 'T', '0');
    const queue = new ConsumeQueue({ topic: 'T', queueId: 0, dir, mappedFileSizeConsumeQueue: UNITS_PER_FILE * CQ_STORE_UNIT_SIZE, handles });
    for (let i = 0; i < count; i++) {
      await queue.putMessagePositionInfo(requestFor({ commitLogOffset: 1000 + i * 300, size: 300, tagsCode: 70_000 + i * 65_537 }, i));
    }
    await queue.close();
    return { dir, units: await reopen(dir, handles).then((q) => q.getUnits(0, count)) };
  }

  async function reopen(dir: string, handles: FileHandleCache): Promise<ConsumeQueue> {
    const queue = new ConsumeQueue({ topic: 'T', queueId: 0, dir, mappedFileSizeConsumeQueue: UNITS_PER_FILE * CQ_STORE_UNIT_SIZE, handles });
    await queue.load();
    return queue;
  }

  it('recovers a last file cut at any byte to exactly the whole units before the cut; refuses a cut earlier file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.nat(), fc.nat(), async (count, filePick, bytePick) => {
        const root = mkdtempSync(join(tmpdir(), 'cq-torn-'));
        const handles = new FileHandleCache(8);
        try {
          const { dir, units } = await written(root, count, handles);
          const files = readdirSync(dir).sort();
          const index = filePick % files.length;
          const path = join(dir, files[index] as string);
          const tear = bytePick % (UNITS_PER_FILE * CQ_STORE_UNIT_SIZE + 1);
          const before = readFileSync(path);
          truncateSync(path, tear);
          handles.forget(path);
          if (index < files.length - 1 && tear < before.length) {
            const error = await reopen(dir, handles).then(() => null, (e: unknown) => e);
            expect(isRocketMQError(error, 'STORE_CORRUPT')).toBe(true);
            return;
          }
          const kept = tear >= before.length ? count : Math.min(count, index * UNITS_PER_FILE + Math.floor(tear / CQ_STORE_UNIT_SIZE));
          const queue = await reopen(dir, handles);
          expect(queue.maxOffset).toBe(kept);
          expect(await queue.getUnits(0, count)).toEqual(units.slice(0, kept));
        } finally {
          await handles.closeAll();
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 80 },
    );
  });

  it('keeps every whole unit before a tear that zeroed the rest of the last file, and nothing after the torn unit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.nat(), async (count, bytePick) => {
        const root = mkdtempSync(join(tmpdir(), 'cq-torn-'));
        const handles = new FileHandleCache(8);
        try {
          const { dir, units } = await written(root, count, handles);
          const files = readdirSync(dir).sort();
          const last = files.length - 1;
          const path = join(dir, files[last] as string);
          const tear = bytePick % (UNITS_PER_FILE * CQ_STORE_UNIT_SIZE + 1);
          const bytes = readFileSync(path);
          bytes.fill(0, tear);
          writeFileSync(path, bytes);
          handles.forget(path);
          const whole = Math.min(count, last * UNITS_PER_FILE + Math.floor(tear / CQ_STORE_UNIT_SIZE));
          const queue = await reopen(dir, handles);
          expect([whole, whole + 1]).toContain(queue.maxOffset);
          expect((await queue.getUnits(0, count)).slice(0, whole)).toEqual(units.slice(0, whole));
        } finally {
          await handles.closeAll();
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: 80 },
    );
  });
});
