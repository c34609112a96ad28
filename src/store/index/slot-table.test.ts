import { describe, expect, it } from 'vitest';
import { SlotTable } from './slot-table.js';

describe('SlotTable', () => {
  it('holds big-endian int32 slots, zero at first', () => {
    const table = SlotTable.empty(10);
    expect(table.slotCount).toBe(10);
    expect(table.get(3)).toBe(0);
    table.set(3, 0x01020304);
    expect(table.get(3)).toBe(0x01020304);
    expect([...table.bytes.subarray(12, 16)]).toEqual([1, 2, 3, 4]);
  });

  it('is clean until a slot changes, and clean again once its changes are taken', () => {
    const table = SlotTable.empty(5000);
    expect(table.isDirty).toBe(false);
    expect(table.takeDirtyRuns()).toEqual([]);
    table.set(10, 7);
    expect(table.isDirty).toBe(true);
    expect(table.takeDirtyRuns()).toHaveLength(1);
    expect(table.isDirty).toBe(false);
  });

  it('hands out changed 4 KiB pages, merging nearby pages into one run', () => {
    const table = SlotTable.empty(1_000_000); // 977 pages
    table.set(0, 1); // page 0
    table.set(1024 * 3, 2); // page 3: close enough to merge with page 0
    table.set(1024 * 500, 3); // page 500: far away
    const runs = table.takeDirtyRuns();
    expect(runs.map((run) => [run.tableOffset, run.bytes.length])).toEqual([
      [0, 4 * 4096],
      [500 * 4096, 4096],
    ]);
    expect(runs[1]?.bytes.readInt32BE(0)).toBe(3);
  });

  it('cuts the last run at the end of the table', () => {
    const table = SlotTable.empty(1030);
    table.set(1029, 9);
    const [run] = table.takeDirtyRuns();
    expect(run).toMatchObject({ tableOffset: 4096 });
    expect(run?.bytes.length).toBe(6 * 4);
  });

  it('hands out copies, so later changes do not alter a run being written', () => {
    const table = SlotTable.empty(100);
    table.set(5, 1);
    const [run] = table.takeDirtyRuns();
    table.set(5, 2);
    expect(run?.bytes.readInt32BE(20)).toBe(1);
    expect(table.isDirty).toBe(true);
  });

  it('can mark a run dirty again (after its write failed)', () => {
    const table = SlotTable.empty(3000);
    table.set(2500, 1);
    const [run] = table.takeDirtyRuns();
    table.markDirty(run?.tableOffset ?? 0, run?.bytes.length ?? 0);
    expect(table.takeDirtyRuns().map((r) => r.tableOffset)).toEqual([run?.tableOffset]);
  });
});
