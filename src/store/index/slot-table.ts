/**
 * The hash-slot table of the writable index file, held in memory: hashSlotNum int32
 * big-endian values, byte for byte what the file holds at offset 40 (20 MB with RocketMQ's
 * default 5,000,000 slots; the memory is bounded by that setting, not by the traffic).
 *
 * Changed slots are tracked per 4 KiB page. `takeDirtyRuns` copies the changed pages (runs
 * of neighbouring pages merged, so one write covers each run) and forgets them, so that a
 * flush writes a consistent snapshot while puts go on changing the live table.
 */
import { HASH_SLOT_SIZE } from './index-layout.js';

const PAGE_BYTES = 4096;
/** Clean pages between two dirty ones that are written anyway to save a write call. */
const MAX_CLEAN_GAP_PAGES = 8;

export interface SlotRun {
  /** Byte offset of the run within the table. */
  readonly tableOffset: number;
  readonly bytes: Buffer;
}

export class SlotTable {
  readonly bytes: Buffer;
  private readonly dirtyPages: Uint8Array;
  private dirtyCount = 0;

  constructor(bytes: Buffer) {
    this.bytes = bytes;
    this.dirtyPages = new Uint8Array(Math.ceil(bytes.length / PAGE_BYTES));
  }

  static empty(hashSlotNum: number): SlotTable {
    return new SlotTable(Buffer.alloc(hashSlotNum * HASH_SLOT_SIZE));
  }

  get slotCount(): number {
    return this.bytes.length / HASH_SLOT_SIZE;
  }

  get(slot: number): number {
    return this.bytes.readInt32BE(slot * HASH_SLOT_SIZE);
  }

  set(slot: number, value: number): void {
    const offset = slot * HASH_SLOT_SIZE;
    this.bytes.writeInt32BE(value, offset);
    this.markDirty(offset, HASH_SLOT_SIZE);
  }

  get isDirty(): boolean {
    return this.dirtyCount > 0;
  }

  /** Marks `length` bytes from `offset` as changed (also to re-queue a run whose write failed). */
  markDirty(offset: number, length: number): void {
    const last = Math.floor((offset + length - 1) / PAGE_BYTES);
    for (let page = Math.floor(offset / PAGE_BYTES); page <= last; page++) {
      if (this.dirtyPages[page] === 0) {
        this.dirtyPages[page] = 1;
        this.dirtyCount++;
      }
    }
  }

  /** Copies of the changed byte ranges, which are then considered clean. */
  takeDirtyRuns(): SlotRun[] {
    const runs: SlotRun[] = [];
    let page = 0;
    while (this.dirtyCount > 0 && page < this.dirtyPages.length) {
      page = this.dirtyPages.indexOf(1, page);
      if (page < 0) break;
      const first = page;
      let last = page;
      for (let next = page + 1; next < this.dirtyPages.length && next - last <= MAX_CLEAN_GAP_PAGES + 1; next++) {
        if (this.dirtyPages[next] === 1) last = next;
      }
      runs.push(this.copyPages(first, last));
      page = last + 1;
    }
    return runs;
  }

  private copyPages(first: number, last: number): SlotRun {
    for (let page = first; page <= last; page++) {
      if (this.dirtyPages[page] === 1) this.dirtyCount--;
      this.dirtyPages[page] = 0;
    }
    const start = first * PAGE_BYTES;
    const end = Math.min(this.bytes.length, (last + 1) * PAGE_BYTES);
    return { tableOffset: start, bytes: Buffer.from(this.bytes.subarray(start, end)) };
  }
}
