import { describe, expect, it } from 'vitest';
import { planRecordSpans, type SpanLimits } from './record-spans.js';

const limits: SpanLimits = { minOffset: 0, committedPosition: 1_000_000, segmentBytes: 10_000, maxSpanBytes: 1000, maxGapBytes: 0 };
const refs = (...pairs: [number, number][]) => pairs.map(([commitLogOffset, size]) => ({ commitLogOffset, size }));

describe('planRecordSpans', () => {
  it('joins records that follow one another into one span', () => {
    expect(planRecordSpans(refs([0, 100], [100, 50], [150, 10]), limits)).toEqual([{ first: 0, count: 3, offset: 0, bytes: 160 }]);
  });

  it('starts a new span at a gap, at the span limit and at a segment boundary', () => {
    expect(planRecordSpans(refs([0, 100], [200, 100], [300, 800], [1100, 200]), limits)).toEqual([
      { first: 0, count: 1, offset: 0, bytes: 100 },
      { first: 1, count: 2, offset: 200, bytes: 900 },
      { first: 3, count: 1, offset: 1100, bytes: 200 },
    ]);
    expect(planRecordSpans(refs([9900, 100], [10_000, 100]), limits)).toHaveLength(2);
  });

  it('reads over gaps of other records up to maxGapBytes', () => {
    const withGaps = { ...limits, maxGapBytes: 50 };
    expect(planRecordSpans(refs([0, 100], [150, 100], [250, 10], [400, 10]), withGaps)).toEqual([
      { first: 0, count: 3, offset: 0, bytes: 260 },
      { first: 3, count: 1, offset: 400, bytes: 10 },
    ]);
  });

  it('leaves out deleted records and reads uncommitted ones one by one', () => {
    const spans = planRecordSpans(refs([0, 100], [100, 100], [200, 100], [300, 100]), { ...limits, minOffset: 100, committedPosition: 250 });
    expect(spans).toEqual([
      { first: 1, count: 1, offset: 100, bytes: 100 },
      { first: 2, count: 1, offset: 200, bytes: 100 },
      { first: 3, count: 1, offset: 300, bytes: 100 },
    ]);
  });
});
