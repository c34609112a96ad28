/**
 * Grouping the records of a pull into as few commit-log reads as possible: records close
 * to one another in the log (a producer's batch; one queue's messages among a few other
 * queues') are read in one positioned read and cut apart.
 *
 * A span holds records in log order, each starting at most `maxGapBytes` after the
 * previous one ends (the bytes between are read and dropped), all in one segment file, at
 * most `maxSpanBytes` long; a record below the log's min offset is left out (deleted).
 * Spans never mix bytes still only in memory with bytes in the files: a span is either
 * wholly below `committedPosition` (read from the file) or a single record (read from the
 * append chunks).
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
  /** Where the read starts (the first record's offset) and how many bytes it takes. */
  offset: number;
  bytes: number;
}

export interface SpanLimits {
  minOffset: number;
  committedPosition: number;
  segmentBytes: number;
  maxSpanBytes: number;
  /** Bytes of other records a span may read over between two of its own (0: adjacent only). */
  maxGapBytes: number;
}

export function planRecordSpans(records: readonly RecordRef[], limits: SpanLimits): RecordSpan[] {
  const spans: RecordSpan[] = [];
  let current: RecordSpan | null = null;
  records.forEach((record, index) => {
    if (record.commitLogOffset < limits.minOffset) {
      current = null;
      return;
    }
    if (current && extendsSpan(current, record, limits)) {
      current.count++;
      current.bytes = record.commitLogOffset + record.size - current.offset;
      return;
    }
    current = { first: index, count: 1, offset: record.commitLogOffset, bytes: record.size };
    spans.push(current);
  });
  return spans;
}

function extendsSpan(span: RecordSpan, record: RecordRef, limits: SpanLimits): boolean {
  const spanEnd = span.offset + span.bytes;
  const end = record.commitLogOffset + record.size;
  return (
    record.commitLogOffset >= spanEnd &&
    record.commitLogOffset - spanEnd <= limits.maxGapBytes &&
    end <= limits.committedPosition &&
    end - span.offset <= limits.maxSpanBytes &&
    Math.floor(span.offset / limits.segmentBytes) === Math.floor((end - 1) / limits.segmentBytes)
  );
}
