/**
 * Names of fixed-size segment files (commit log, consume queue): the byte offset of the
 * segment's first byte, as 20 decimal digits with leading zeros (RocketMQ `UtilAll.offset2FileName`).
 */
const NAME_DIGITS = 20;
const SEGMENT_NAME = /^\d{20}$/;

export function segmentName(startOffset: number): string {
  return String(startOffset).padStart(NAME_DIGITS, '0');
}

/** The start offset a segment file name stands for, or null when the name is not one. */
export function segmentStartOffset(name: string): number | null {
  if (!SEGMENT_NAME.test(name)) return null;
  const offset = Number(name);
  return Number.isSafeInteger(offset) ? offset : null;
}
