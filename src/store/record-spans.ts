/**
 * Grouping the records of a pull into as few commit-log reads as possible: records that
 * lie one after the other in the log (as a producer's batch, or one queue's messages
 * while no other queue was written) are read in one positioned read and cut apart.
 *
 * A span holds records in log order, each starting where the previous one ends, all in
 * one segment file, at most `maxSpanBytes` long; a record below the log's min offset is
 * left out (deleted). Spans never mix bytes still only in memory with bytes in the files:
 * a span is either wholly below `committedPosition` (read from the file) or not (read from
 * the append chunks, one record at a time).
 */
export interface RecordRef {
  commitLogOffset: number;
  size: number;
}

export interface RecordSpan {
  /** Index of the span's first record in the list given. */
  first: number;
  /** Number of records. */
  count: number;
  offset: number;
  bytes: number;
}

export interface SpanLimits {
  minOffset: number;
  committedPosition: number;
  segmentBytes: number;
  maxSpanBytes: number;
}

export function planRecordSpans(records: readonly RecordRef[], limits: SpanLimits): RecordSpan[] {
  const spans: RecordSpan[] = [];
  let current: RecordSpan | null = null;
  records.forEach((record, index) => {
    if (record.commitLogOffset < limits.minOffset) {
      current = null;
      return;
    }
    if (current && extends_(current, record, limits)) {
      current.count++;
      current.bytes += record.size;
      return;
    }
    current = { first: index, count: 1, offset: record.commitLogOffset, bytes: record.size };
    spans.push(current);
  });
  return spans;
}

function extends_(span: RecordSpan, record: RecordRef, limits: SpanLimits): boolean {
  const end = record.commitLogOffset + record.size;
  return (
    record.commitLogOffset === span.offset + span.bytes &&
    end <= limits.committedPosition &&
    end - span.offset <= limits.maxSpanBytes &&
    Math.floor(span.offset / limits.segmentBytes) === Math.floor((end - 1) / limits.segmentBytes)
  );
}
