/**
 * QueryConsumeTimeSpanBody: the answer of QUERY_CONSUME_TIME_SPAN (303) — per queue, the
 * store times of its first and last message and of the group's consume position.
 *
 * JSON: {"consumeTimeSpanSet":[{"consumeTimeStamp":…,"delayTime":…,"maxTimeStamp":…,
 *        "messageQueue":{MessageQueue},"minTimeStamp":…}]}
 * Java also writes minTimeStampStr / maxTimeStampStr / consumeTimeStampStr, the same times
 * formatted in the broker's local time zone; they have no setter (fastjson ignores them on
 * input), so they are neither read nor written here.
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';
import { messageQueueJson, readMessageQueue, type MessageQueue } from './message-queue.js';

export interface QueueTimeSpan {
  messageQueue?: MessageQueue;
  minTimeStamp: number;
  maxTimeStamp: number;
  consumeTimeStamp: number;
  delayTime: number;
}

export interface QueryConsumeTimeSpanBody {
  consumeTimeSpanSet: QueueTimeSpan[];
}

export function readQueueTimeSpan(reader: BodyReader): QueueTimeSpan {
  const span: QueueTimeSpan = {
    minTimeStamp: reader.field('minTimeStamp').long(),
    maxTimeStamp: reader.field('maxTimeStamp').long(),
    consumeTimeStamp: reader.field('consumeTimeStamp').long(),
    delayTime: reader.field('delayTime').long(),
  };
  const messageQueue = reader.field('messageQueue').optionalObject(readMessageQueue);
  if (messageQueue !== undefined) span.messageQueue = messageQueue;
  return span;
}

export function readQueryConsumeTimeSpanBody(reader: BodyReader): QueryConsumeTimeSpanBody {
  return { consumeTimeSpanSet: reader.field('consumeTimeSpanSet').list((item) => item.object(readQueueTimeSpan)) };
}

export function decodeQueryConsumeTimeSpanBody(input: Uint8Array | string): QueryConsumeTimeSpanBody {
  return readBody('QueryConsumeTimeSpanBody', input, readQueryConsumeTimeSpanBody);
}

export function encodeQueryConsumeTimeSpanBody(body: QueryConsumeTimeSpanBody): Buffer {
  return jsonBytes({
    consumeTimeSpanSet: body.consumeTimeSpanSet.map((span) => ({
      consumeTimeStamp: span.consumeTimeStamp,
      delayTime: span.delayTime,
      maxTimeStamp: span.maxTimeStamp,
      messageQueue: span.messageQueue && messageQueueJson(span.messageQueue),
      minTimeStamp: span.minTimeStamp,
    })),
  });
}
