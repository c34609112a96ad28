/**
 * The offsets a reset to a timestamp moves a group to (Java Broker2Client.resetOffset),
 * for INVOKE_BROKER_TO_RESET_OFFSET (222); the broker then sends them to the group's
 * clients in RESET_CONSUMER_CLIENT_OFFSET (220).
 *
 * For each write queue 0 … writeQueueNums−1 of the topic:
 *   target = timestamp == -1 ? the queue's max offset : the store's offset for that time
 *            (a negative answer counts as 0);
 *   new    = force || target < committed ? target : committed.
 * A queue without a committed offset means the group has not consumed the topic here: the
 * whole reset is refused (SYSTEM_ERROR, with Java's text `THe consumer group <g> not exist`).
 */
import { ResponseCode } from '../../protocol/response-code.js';

export interface ResetOffsetRequest {
  topic: string;
  group: string;
  writeQueueNums: number;
  /** ms since the epoch, or -1 for "the end of each queue". */
  timestamp: number;
  /** Move back and forward (true) or only back (false). */
  force: boolean;
  /** The group's committed offset of a queue, -1 when none. */
  committedOffset(queueId: number): number;
  maxOffset(queueId: number): number;
  offsetByTime(queueId: number, timestamp: number): Promise<number>;
}

export type ResetOffsetPlan = { ok: true; offsets: Map<number, number> } | { ok: false; responseCode: number; remark: string };

export async function planResetOffset(request: ResetOffsetRequest): Promise<ResetOffsetPlan> {
  const offsets = new Map<number, number>();
  for (let queueId = 0; queueId < request.writeQueueNums; queueId++) {
    const committed = request.committedOffset(queueId);
    if (committed === -1) {
      return { ok: false, responseCode: ResponseCode.SYSTEM_ERROR, remark: `THe consumer group <${request.group}> not exist` };
    }
    let target = request.timestamp === -1 ? request.maxOffset(queueId) : await request.offsetByTime(queueId, request.timestamp);
    if (target < 0) target = 0;
    offsets.set(queueId, request.force || target < committed ? target : committed);
  }
  return { ok: true, offsets };
}
