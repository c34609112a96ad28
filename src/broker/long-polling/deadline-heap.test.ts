import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeadlineHeap, type HeapItem } from './deadline-heap.js';

interface Item extends HeapItem {
  id: number;
}

const item = (id: number, deadline: number): Item => ({ id, deadline, heapIndex: -1, heapSequence: 0 });

describe('DeadlineHeap', () => {
  it('pops items by deadline, ties in insertion order', () => {
    const heap = new DeadlineHeap<Item>();
    for (const [id, deadline] of [
      [1, 30],
      [2, 10],
      [3, 20],
      [4, 10],
    ] as const) {
      heap.push(item(id, deadline));
    }
    const order: number[] = [];
    for (let next = heap.pop(); next; next = heap.pop()) order.push(next.id);
    expect(order).toEqual([2, 4, 3, 1]);
  });

  it('removes any item and tells whether it was there', () => {
    const heap = new DeadlineHeap<Item>();
    const items = [item(1, 5), item(2, 1), item(3, 3)];
    for (const each of items) heap.push(each);
    expect(heap.remove(items[1] as Item)).toBe(true);
    expect(heap.remove(items[1] as Item)).toBe(false);
    expect(heap.peek()?.id).toBe(3);
    expect(heap.size).toBe(2);
    expect(heap.clear().map((each) => each.heapIndex)).toEqual([-1, -1]);
  });

  it('agrees with a sorted-list model under random pushes, removals and pops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ op: fc.constant('push' as const), deadline: fc.integer({ min: 0, max: 50 }) }), fc.record({ op: fc.constantFrom('pop' as const, 'remove' as const), pick: fc.nat() })), {
          maxLength: 200,
        }),
        (ops) => {
          const heap = new DeadlineHeap<Item>();
          let model: Item[] = [];
          let nextId = 0;
          for (const op of ops) {
            if (op.op === 'push') {
              const each = item(nextId++, op.deadline);
              heap.push(each);
              model.push(each);
              model.sort((a, b) => a.deadline - b.deadline || a.id - b.id);
            } else if (op.op === 'pop') {
              expect(heap.pop()?.id).toBe(model.shift()?.id);
            } else if (model.length > 0) {
              const victim = model[op.pick % model.length] as Item;
              expect(heap.remove(victim)).toBe(true);
              model = model.filter((each) => each !== victim);
            }
            expect(heap.size).toBe(model.length);
            expect(heap.peek()?.id).toBe(model[0]?.id);
          }
        },
      ),
    );
  });
});
