import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntKeyTable } from './int-key-table.js';

type Op = { kind: 'set'; key: number; value: number } | { kind: 'delete'; key: number } | { kind: 'clear' };

const keyArb = fc.oneof(fc.integer({ min: -40, max: 40 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 200 }).map((n) => n * 16));
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), key: keyArb, value: fc.integer() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: keyArb }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

describe('IntKeyTable', () => {
  it('behaves as a Map under any sequence of set, delete and clear (colliding, negative and sparse keys)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 400 }), (ops) => {
        const table = new IntKeyTable<number>();
        const model = new Map<number, number>();
        for (const op of ops) {
          if (op.kind === 'set') {
            table.set(op.key, op.value);
            model.set(op.key, op.value);
          } else if (op.kind === 'delete') {
            expect(table.delete(op.key)).toBe(model.get(op.key));
            model.delete(op.key);
          } else {
            table.clear();
            model.clear();
          }
          expect(table.size).toBe(model.size);
        }
        for (const [key, value] of model) expect(table.get(key)).toBe(value);
        expect(new Map(table.entries())).toEqual(model);
      }),
    );
  });

  it('keeps consecutive keys (opaques) working across wrap-around of its slots and growth', () => {
    const table = new IntKeyTable<string>();
    for (let key = 1; key <= 10_000; key++) {
      table.set(key, `v${key}`);
      if (key > 20) expect(table.delete(key - 20)).toBe(`v${key - 20}`);
    }
    expect(table.size).toBe(20);
    expect(table.get(9_990)).toBe('v9990');
    expect(table.has(9_980)).toBe(false);
  });

  it('answers undefined for keys it does not hold', () => {
    const table = new IntKeyTable<number>();
    table.set(3, 30);
    expect(table.get(19)).toBeUndefined();
    expect(table.delete(19)).toBeUndefined();
    expect(table.delete(3)).toBe(30);
    expect(table.get(3)).toBeUndefined();
  });
});
