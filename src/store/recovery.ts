/**
 * Recovery: on start, find where the commit log's valid data ends and make the derived
 * files agree with it.
 *
 * - Clean stop (no `abort` file): scan from the start of the third-last segment, as
 *   RocketMQ's recoverNormally does; the derived files are already complete.
 * - Crash (`abort` present): scan from the newest segment whose first record is older than
 *   the checkpoint's recovery time (the checkpoint's smallest timestamp less 3 s, the index
 *   time included — RocketMQ's messageIndexSafe — since the index file written last is
 *   rebuilt after a crash), as RocketMQ's recoverAbnormally does; if none qualifies, from
 *   the first segment.
 *
 * Both scans validate every record (magic, size, CRC when checkCRCOnRecover) and hand
 * each valid one to `dispatch`, so that consume-queue units and index entries missing on
 * disk are rebuilt (units already present are skipped by the consume queue). The scan
 * stops at the end of the data or at the first damaged record; the log is then cut there
 * (later segments deleted, the tail zeroed) and consume-queue units pointing past the cut
 * are dropped: nothing that did not survive is ever exposed.
 */
import type { Logger } from '../common/log.js';
import { MESSAGE_MAGIC_CODE_V1, MESSAGE_MAGIC_CODE_V2, RecordPositionIPv4, variableRecordPositions } from '../protocol/message/message-record.js';
import type { CommitLog } from './commitlog/commit-log.js';
import { scanCommitLog, type ScanEnd, type ScannedRecord } from './commitlog/record-scanner.js';
import type { FileHandleCache } from './file-handle-cache.js';

export interface RecoveryInput {
  commitLog: CommitLog;
  handles: FileHandleCache;
  lastExitOK: boolean;
  /** Store time before which every record is known to be in the derived files. */
  recoveryStartTimestamp: number;
  checkCrc: boolean;
  /** Returns a promise only when the record could not be dispatched at once. */
  dispatch: (scanned: ScannedRecord) => Promise<void> | undefined;
  logger: Logger;
}

export interface RecoveryResult {
  from: number;
  end: ScanEnd;
  records: number;
}

export async function recoverCommitLog(input: RecoveryInput): Promise<RecoveryResult> {
  const segments = input.commitLog.segmentList;
  const from = input.lastExitOK
    ? (segments[Math.max(0, segments.length - 3)]?.start ?? input.commitLog.minOffset)
    : await abnormalStart(input);
  let records = 0;
  const end = await scanCommitLog({
    segments,
    segmentBytes: input.commitLog.segmentBytes,
    from,
    checkCrc: input.checkCrc,
    handles: input.handles,
    onRecord: (scanned) => {
      records++;
      return input.dispatch(scanned);
    },
  });
  if (end.kind === 'damaged') {
    input.logger.warn({ offset: end.offset, reason: end.reason }, `commit log ends with a damaged record at ${end.offset} (${end.reason}); cutting it off`);
  }
  await input.commitLog.setEnd(Math.max(end.offset, from));
  return { from, end, records };
}

/** The start of the newest segment whose first record was stored before the recovery time. */
async function abnormalStart(input: RecoveryInput): Promise<number> {
  const segments = input.commitLog.segmentList;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    if (!segment) continue;
    const storeTimestamp = await firstStoreTimestamp(input.handles, segment.path);
    if (storeTimestamp !== null && storeTimestamp <= input.recoveryStartTimestamp) return segment.start;
  }
  return segments[0]?.start ?? input.commitLog.minOffset;
}

async function firstStoreTimestamp(handles: FileHandleCache, path: string): Promise<number | null> {
  const head = await handles.read(path, 0, RecordPositionIPv4.STOREHOST + 20);
  if (head.length < RecordPositionIPv4.STOREHOST) return null;
  const magic = head.readUInt32BE(4);
  if (magic !== MESSAGE_MAGIC_CODE_V1 && magic !== MESSAGE_MAGIC_CODE_V2) return null;
  const at = variableRecordPositions(head.readInt32BE(36)).STORETIMESTAMP;
  const storeTimestamp = Number(head.readBigInt64BE(at));
  return storeTimestamp > 0 ? storeTimestamp : null;
}
