/**
 * DeadlineHeap: a binary min-heap of items ordered by `deadline` (ties: insertion order)
 * that also removes any item in O(log n). Each item carries its own position
 * (`heapIndex`, −1 when not in the heap), so a parked pull woken early or dropped with its
 * connection leaves the heap at once instead of lingering until its deadline.
 *
 * Invariant: for every i > 0, items[parent(i)] ≤ items[i], and items[i].heapIndex === i.
 */
export interface HeapItem {
  readonly deadline: number;
  /** Position in the heap, maintained by the heap; −1 when outside. */
  heapIndex: number;
  /** Tie-breaker, maintained by the heap. */
  heapSequence: number;
}

export class DeadlineHeap<T extends HeapItem> {
  private readonly items: T[] = [];
  private sequence = 0;

  get size(): number {
    return this.items.length;
  }

  /** The item with the earliest deadline. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    item.heapSequence = this.sequence++;
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.siftUp(item.heapIndex);
  }

  /** Removes the earliest item. */
  pop(): T | undefined {
    const first = this.items[0];
    if (first) this.remove(first);
    return first;
  }

  /** Removes `item` if it is in the heap; returns whether it was. */
  remove(item: T): boolean {
    const index = item.heapIndex;
    if (index < 0 || this.items[index] !== item) return false;
    const last = this.items.pop() as T;
    item.heapIndex = -1;
    if (last === item) return true;
    this.items[index] = last;
    last.heapIndex = index;
    this.siftDown(index);
    this.siftUp(last.heapIndex);
    return true;
  }

  clear(): T[] {
    const all = this.items.splice(0);
    for (const item of all) item.heapIndex = -1;
    return all;
  }

  private before(a: T, b: T): boolean {
    return a.deadline < b.deadline || (a.deadline === b.deadline && a.heapSequence < b.heapSequence);
  }

  private siftUp(start: number): void {
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(this.items[index] as T, this.items[parent] as T)) break;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(start: number): void {
    let index = start;
    const length = this.items.length;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < length && this.before(this.items[left] as T, this.items[smallest] as T)) smallest = left;
      if (right < length && this.before(this.items[right] as T, this.items[smallest] as T)) smallest = right;
      if (smallest === index) return;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private swap(i: number, j: number): void {
    const a = this.items[i] as T;
    const b = this.items[j] as T;
    this.items[i] = b;
    this.items[j] = a;
    a.heapIndex = j;
    b.heapIndex = i;
  }
}
