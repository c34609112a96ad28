import { describe, expect, it } from 'vitest';
import { batchEntryProperties, batchLevelProperties, javaBoolean, singleMessageProperties } from './stored-properties.js';

describe('stored properties', () => {
  it('drop WAIT=true, keep a WAIT that says false, add CLUSTER, keep the rest in order', () => {
    const stored = singleMessageProperties('KEYS\u0001k1\u0002WAIT\u0001true\u0002UNIQ_KEY\u0001ABC\u0002TAGS\u0001TagA', 'DefaultCluster');
    expect(Object.entries(stored)).toEqual([
      ['KEYS', 'k1'],
      ['UNIQ_KEY', 'ABC'],
      ['TAGS', 'TagA'],
      ['CLUSTER', 'DefaultCluster'],
    ]);
    expect(singleMessageProperties('WAIT\u0001false', 'C')).toEqual(Object.assign(Object.create(null), { WAIT: 'false', CLUSTER: 'C' }));
    expect(singleMessageProperties('WAIT\u0001nope', 'C')['WAIT']).toBe('false');
    expect(singleMessageProperties('WAIT\u0001TRUE', 'C')['WAIT']).toBeUndefined();
    expect(singleMessageProperties(undefined, 'C')).toEqual(Object.assign(Object.create(null), { CLUSTER: 'C' }));
  });

  it("read ali-ons' trailing separator", () => {
    expect(singleMessageProperties('TAGS\u0001TagA\u0002', 'C')['TAGS']).toBe('TagA');
  });

  it('put the batch level after each entry\'s own, the batch winning', () => {
    const batch = batchLevelProperties('WAIT\u0001true', 'C');
    const entry = batchEntryProperties(Object.assign(Object.create(null), { KEYS: 'k', WAIT: 'false' }), batch);
    expect(Object.entries(entry)).toEqual([
      ['KEYS', 'k'],
      ['WAIT', 'true'],
      ['CLUSTER', 'C'],
    ]);
  });

  it('parse booleans as Java does', () => {
    expect(javaBoolean('true')).toBe(true);
    expect(javaBoolean('True')).toBe(true);
    expect(javaBoolean('yes')).toBe(false);
    expect(javaBoolean(undefined)).toBe(false);
  });
});
