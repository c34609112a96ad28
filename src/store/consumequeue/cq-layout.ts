/**
 * Where a consume queue's units live on disk:
 *
 *   consumequeue/<topic>/<queueId>/<20-digit name>
 *
 * Every file holds `unitsPerFile` units (fileBytes = unitsPerFile * 20). File number k
 * holds logical offsets [k * unitsPerFile, (k + 1) * unitsPerFile) and is named after the
 * byte offset of its first unit, k * fileBytes. Like RocketMQ's getMappedFileSizeConsumeQueue,
 * a configured size that is not a multiple of 20 is rounded up to one.
 */
import { join } from 'node:path';
import { segmentName } from '../segment-name.js';
import { CQ_STORE_UNIT_SIZE } from './cq-unit.js';

export class ConsumeQueueLayout {
  readonly fileBytes: number;
  readonly unitsPerFile: number;

  constructor(
    readonly dir: string,
    mappedFileSizeConsumeQueue: number,
  ) {
    this.unitsPerFile = Math.max(1, Math.ceil(mappedFileSizeConsumeQueue / CQ_STORE_UNIT_SIZE));
    this.fileBytes = this.unitsPerFile * CQ_STORE_UNIT_SIZE;
  }

  /** Number of the file that holds logical offset `unit`. */
  fileOf(unit: number): number {
    return Math.floor(unit / this.unitsPerFile);
  }

  /** Logical offset of the first unit of file `file`. */
  firstUnitOf(file: number): number {
    return file * this.unitsPerFile;
  }

  /** Byte position of logical offset `unit` inside its file. */
  positionOf(unit: number): number {
    return (unit % this.unitsPerFile) * CQ_STORE_UNIT_SIZE;
  }

  pathOf(file: number): string {
    return join(this.dir, segmentName(file * this.fileBytes));
  }

  /** The file number a file name stands for, or null when the name is not a multiple of the file size. */
  fileOfStartOffset(startOffset: number): number | null {
    return startOffset % this.fileBytes === 0 ? startOffset / this.fileBytes : null;
  }
}
