/**
 * One pass of the transaction check over one half queue (Java 4.9.8
 * TransactionalMessageServiceImpl.check), as a core that does no I/O of its own: reads,
 * puts, offsets, the clock and the CHECK_TRANSACTION_STATE send come through `CheckIo`, so
 * that tests drive it with a fake clock and queues.
 *
 * Inputs: the half queue from its consumer offset H (group CID_RMQ_SYS_TRANS) and the op
 * queue from its offset O. Op messages (tag `d`, body = a half queue offset) fill
 * `removeMap` (half offset → op offset) for half offsets ≥ H, or go straight to `doneOp`
 * when below H. Then, from i = H, one half message at a time:
 *
 *   - i in removeMap: the transaction ended; its op offset is done.
 *   - no message at i: the first time, move to the read's nextBeginOffset (or stop when the
 *     queue has no new message); the second time, stop (MAX_RETRY_COUNT_WHEN_HALF_NULL).
 *   - TRANSACTION_CHECK_TIMES ≥ transactionCheckMax, or born longer ago than
 *     fileReservedTime: discarded (to TRANS_CHECK_MAX_TIME_TOPIC).
 *     (The count is raised in memory here: absent → 1, else + 1.)
 *   - stored after this pass began (a copy this pass put back): stop.
 *   - immunity = transactionTimeOut, or CHECK_IMMUNITY_TIME_IN_SECONDS × 1000 when the
 *     message says so (-1: transactionTimeOut). Without that property, a message younger
 *     than transactionTimeOut stops the pass (later ones are younger still). With it, a
 *     message still immune is either done (its TRAN_PREPARED_QUEUE_OFFSET is in removeMap)
 *     or put back with that property, and passed.
 *   - due (every op message read and age > immunity, or born in the future): the message
 *     is put back with its new check count and the copy's offsets are sent to a producer
 *     of its group in CHECK_TRANSACTION_STATE; else more op messages are read first.
 *
 * Afterwards the half offset moves to the first message not passed, and the op offset past
 * the longest run of done op offsets starting at O. Every half message below the new half
 * offset has an op, a copy further on, or was discarded: none is lost.
 *
 * Bounds: a pass of a queue stops after MAX_PROCESS_TIME_LIMIT_MS (60 s, Java's). Where Java
 * would spin until the clock moves (an op queue read to its end while the message is not yet
 * strictly due, or a put-back the store refused), this pass stops instead and the message is
 * looked at again next pass.
 */
import type { MessageRecord } from '../../protocol/message/message-record.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import { SystemTopic } from '../topic/topic-validator.js';
import { REMOVE_TAG, opQueueIdOf, parseJavaInt, parseJavaLong } from './transaction-messages.js';

export const MAX_PROCESS_TIME_LIMIT_MS = 60_000;
export const MAX_RETRY_COUNT_WHEN_HALF_NULL = 1;
/** Half messages read per read (Java PULL_MSG_RETRY_NUMBER). */
export const HALF_READ_NUMS = 1;
/** Op messages read per read. */
export const OP_READ_NUMS = 32;

/** Java PullStatus of a broker-internal read. */
export type QueueReadStatus = 'FOUND' | 'NO_NEW_MSG' | 'NO_MATCHED_MSG' | 'OFFSET_ILLEGAL';

export interface QueueRead {
  status: QueueReadStatus;
  nextBeginOffset: number;
  /** Decoded records when FOUND (and not empty), else null. */
  messages: MessageRecord[] | null;
}

/** Where a put-back copy was stored. */
export interface StoredCopy {
  queueOffset: number;
  commitLogOffset: number;
  /** Offset message id of the copy. */
  msgId: string;
}

export interface CheckSettings {
  /** transactionTimeOut, ms. */
  transactionTimeOut: number;
  transactionCheckMax: number;
  /** fileReservedTime in hours. */
  fileReservedTime: number;
}

export interface CheckIo {
  now(): number;
  /** The group's offset of a queue, or the queue's min offset when it has none. */
  consumeOffset(topic: string, queueId: number): number;
  updateConsumeOffset(topic: string, queueId: number, offset: number): void;
  /** null when the store gave no answer. */
  read(topic: string, queueId: number, offset: number, maxNums: number): Promise<QueueRead | null>;
  /** Stores the half message again with `properties`; null unless stored (PUT_OK). */
  putBack(half: MessageRecord, properties: Record<string, string>): Promise<StoredCopy | null>;
  /** Stores the half message again as still immune (TRAN_PREPARED_QUEUE_OFFSET); true when PUT_OK. */
  putImmunityBack(half: MessageRecord): Promise<boolean>;
  /** Moves a half message checked too often out of the way. */
  discard(half: MessageRecord): Promise<void>;
  /** Sends CHECK_TRANSACTION_STATE about the copy (`half` already carries its offsets). */
  sendCheck(half: MessageRecord, copy: StoredCopy): void;
  warn?(details: object, message: string): void;
}

/** What a pass of one queue did (for logs and tests). */
export interface QueueCheckResult {
  queueId: number;
  halfOffset: number;
  newHalfOffset: number;
  opOffset: number;
  newOpOffset: number;
  checked: number;
  discarded: number;
  skipped?: string;
}

interface PassState {
  readonly io: CheckIo;
  readonly queueId: number;
  readonly halfOffset: number;
  readonly removeMap: Map<number, number>;
  readonly doneOp: number[];
}

const HALF = SystemTopic.TRANS_HALF;
const OP = SystemTopic.TRANS_OP_HALF;

export async function checkHalfQueue(io: CheckIo, queueId: number, settings: CheckSettings): Promise<QueueCheckResult> {
  const startTime = io.now();
  const opQueueId = opQueueIdOf(queueId);
  const halfOffset = io.consumeOffset(HALF, queueId);
  const opOffset = io.consumeOffset(OP, opQueueId);
  const result: QueueCheckResult = { queueId, halfOffset, newHalfOffset: halfOffset, opOffset, newOpOffset: opOffset, checked: 0, discarded: 0 };
  if (halfOffset < 0 || opOffset < 0) return { ...result, skipped: 'illegal offset' };
  const state: PassState = { io, queueId, halfOffset, removeMap: new Map(), doneOp: [] };
  let opRead = await fillOpRemoveMap(state, opOffset);
  if (!opRead) return { ...result, skipped: 'op queue read failed' };
  let nullCount = 1;
  let newOffset = halfOffset;
  let i = halfOffset;
  while (io.now() - startTime <= MAX_PROCESS_TIME_LIMIT_MS) {
    const removedOp = state.removeMap.get(i);
    if (removedOp !== undefined) {
      state.removeMap.delete(i);
      state.doneOp.push(removedOp);
      newOffset = ++i;
      continue;
    }
    const read = await io.read(HALF, queueId, i, HALF_READ_NUMS);
    const half = read?.messages?.[0];
    if (!half) {
      if (nullCount++ > MAX_RETRY_COUNT_WHEN_HALF_NULL || !read || read.status === 'NO_NEW_MSG') break;
      i = read.nextBeginOffset;
      newOffset = i;
      continue;
    }
    if (needDiscard(half, settings.transactionCheckMax) || needSkip(half, io.now(), settings.fileReservedTime)) {
      await io.discard(half);
      result.discarded++;
      newOffset = ++i;
      continue;
    }
    if (half.storeTimestamp >= startTime) break;
    const age = io.now() - half.bornTimestamp;
    let immunity = settings.transactionTimeOut;
    const immunityText = half.properties[PropertyKey.CHECK_IMMUNITY_TIME_IN_SECONDS];
    if (immunityText !== undefined) {
      immunity = immunityTime(immunityText, settings.transactionTimeOut);
      if (age < immunity && (await checkPrepareQueueOffset(state, half))) {
        newOffset = ++i;
        continue;
      }
    } else if (age >= 0 && age < immunity) {
      break;
    }
    const ops = opRead.messages;
    const lastOp = ops?.[ops.length - 1];
    const due = (ops === null && age > immunity) || (lastOp !== undefined && lastOp.bornTimestamp - startTime > settings.transactionTimeOut) || age <= -1;
    if (due) {
      if (!(await checkNow(io, half))) break;
      result.checked++;
    } else {
      if (ops === null) break;
      const more = await fillOpRemoveMap(state, opRead.nextBeginOffset);
      if (!more) break;
      opRead = more;
      continue;
    }
    newOffset = ++i;
  }
  if (newOffset !== halfOffset) io.updateConsumeOffset(HALF, queueId, newOffset);
  const newOpOffset = calculateOpOffset(state.doneOp, opOffset);
  if (newOpOffset !== opOffset) io.updateConsumeOffset(OP, opQueueId, newOpOffset);
  return { ...result, newHalfOffset: newOffset, newOpOffset };
}

/** Puts the half message back with its raised check count and asks its producer; false when the put failed. */
async function checkNow(io: CheckIo, half: MessageRecord): Promise<boolean> {
  const copy = await io.putBack(half, half.properties);
  if (!copy) {
    io.warn?.({ queueOffset: half.queueOffset, commitLogOffset: half.commitLogOffset }, 'half message could not be put back; checked later');
    return false;
  }
  half.queueOffset = copy.queueOffset;
  half.commitLogOffset = copy.commitLogOffset;
  // Java's put-back sets WAIT=false in the map it shares with the message it then sends.
  half.properties[PropertyKey.WAIT_STORE_MSG_OK] = 'false';
  io.sendCheck(half, copy);
  return true;
}

/** Raises the message's TRANSACTION_CHECK_TIMES (absent → 1), or says it was checked often enough. */
export function needDiscard(half: MessageRecord, transactionCheckMax: number): boolean {
  const text = half.properties[PropertyKey.TRANSACTION_CHECK_TIMES];
  let checkTimes = 1;
  if (text !== undefined) {
    checkTimes = parseJavaInt(text);
    if (checkTimes >= transactionCheckMax) return true;
    checkTimes++;
  }
  half.properties[PropertyKey.TRANSACTION_CHECK_TIMES] = String(checkTimes);
  return false;
}

/** Born longer ago than the commit log keeps files. */
export function needSkip(half: MessageRecord, now: number, fileReservedTimeHours: number): boolean {
  return now - half.bornTimestamp > fileReservedTimeHours * 3600 * 1000;
}

export function immunityTime(text: string, transactionTimeOut: number): number {
  const seconds = parseJavaLong(text);
  return seconds === -1 ? transactionTimeOut : seconds * 1000;
}

/** Reads op messages from `offset` into removeMap / doneOp; null when the store gave no answer. */
async function fillOpRemoveMap(state: PassState, offset: number): Promise<QueueRead | null> {
  const opQueueId = opQueueIdOf(state.queueId);
  const read = await state.io.read(OP, opQueueId, offset, OP_READ_NUMS);
  if (!read) return null;
  if (read.status === 'OFFSET_ILLEGAL' || read.status === 'NO_MATCHED_MSG') {
    state.io.warn?.({ offset, next: read.nextBeginOffset, status: read.status }, 'op queue offset illegal; moved');
    state.io.updateConsumeOffset(OP, opQueueId, read.nextBeginOffset);
    return read;
  }
  if (read.status === 'NO_NEW_MSG' || read.messages === null) return read;
  for (const op of read.messages) {
    const halfOffset = parseJavaLong(op.body.toString('utf8'));
    if (op.properties[PropertyKey.TAGS] !== REMOVE_TAG) {
      state.io.warn?.({ opOffset: op.queueOffset, tags: op.properties[PropertyKey.TAGS] }, 'op message with an illegal tag');
      continue;
    }
    if (halfOffset < state.halfOffset) state.doneOp.push(op.queueOffset);
    else state.removeMap.set(halfOffset, op.queueOffset);
  }
  return read;
}

/** An immune message: done when its first copy's op was read, else put back again; false to fall through. */
async function checkPrepareQueueOffset(state: PassState, half: MessageRecord): Promise<boolean> {
  const text = half.properties[PropertyKey.TRANSACTION_PREPARED_QUEUE_OFFSET];
  if (text === undefined) return state.io.putImmunityBack(half);
  const preparedOffset = parseJavaLong(text);
  if (preparedOffset === -1) return false;
  const opOffset = state.removeMap.get(preparedOffset);
  if (opOffset === undefined) return state.io.putImmunityBack(half);
  state.removeMap.delete(preparedOffset);
  state.doneOp.push(opOffset);
  return true;
}

/** The op offset past the run of done op offsets that starts at `oldOffset`. */
export function calculateOpOffset(doneOp: readonly number[], oldOffset: number): number {
  const sorted = [...doneOp].sort((a, b) => a - b);
  let offset = oldOffset;
  for (const done of sorted) {
    if (done !== offset) break;
    offset++;
  }
  return offset;
}
