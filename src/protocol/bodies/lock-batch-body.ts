/**
 * Bodies of LOCK_BATCH_MQ (41) and UNLOCK_BATCH_MQ (42), used by orderly consumers.
 *
 * LockBatchRequestBody / UnlockBatchRequestBody:
 *   {"clientId":"127.0.0.1@23678#8810654370689","consumerGroup":"CG2",
 *    "mqSet":[{"brokerName":"broker-a","queueId":3,"topic":"TopicTest"}]}   ([5.x] + "onlyThisBroker")
 * LockBatchResponseBody (answer of 41): {"lockOKMQSet":[MessageQueue…]} — the queues now
 * locked by (group, clientId).
 */
import type { BodyReader } from './body-json.js';
import { jsonBytes, readBody } from './body-json.js';
import { messageQueueJson, readMessageQueue, type MessageQueue } from './message-queue.js';

export interface LockBatchRequestBody {
  consumerGroup: string;
  clientId: string;
  mqSet: MessageQueue[];
  /** [5.x] do not forward to the other brokers of the group */
  onlyThisBroker?: boolean;
}

/** Same shape as the lock request. */
export type UnlockBatchRequestBody = LockBatchRequestBody;

export interface LockBatchResponseBody {
  lockOKMQSet: MessageQueue[];
}

export function readLockBatchRequestBody(reader: BodyReader): LockBatchRequestBody {
  const body: LockBatchRequestBody = {
    consumerGroup: reader.field('consumerGroup').string(),
    clientId: reader.field('clientId').string(),
    mqSet: reader.field('mqSet').list((item) => item.object(readMessageQueue)),
  };
  const onlyThisBroker = reader.field('onlyThisBroker').optionalBoolean();
  if (onlyThisBroker !== undefined) body.onlyThisBroker = onlyThisBroker;
  return body;
}

export function lockBatchRequestBodyJson(body: LockBatchRequestBody): Record<string, unknown> {
  return {
    clientId: body.clientId,
    consumerGroup: body.consumerGroup,
    mqSet: body.mqSet.map(messageQueueJson),
    onlyThisBroker: body.onlyThisBroker,
  };
}

export function decodeLockBatchRequestBody(input: Uint8Array | string): LockBatchRequestBody {
  return readBody('LockBatchRequestBody', input, readLockBatchRequestBody);
}

export function encodeLockBatchRequestBody(body: LockBatchRequestBody): Buffer {
  return jsonBytes(lockBatchRequestBodyJson(body));
}

export function decodeUnlockBatchRequestBody(input: Uint8Array | string): UnlockBatchRequestBody {
  return readBody('UnlockBatchRequestBody', input, readLockBatchRequestBody);
}

export function encodeUnlockBatchRequestBody(body: UnlockBatchRequestBody): Buffer {
  return jsonBytes(lockBatchRequestBodyJson(body));
}

export function readLockBatchResponseBody(reader: BodyReader): LockBatchResponseBody {
  return { lockOKMQSet: reader.field('lockOKMQSet').list((item) => item.object(readMessageQueue)) };
}

export function decodeLockBatchResponseBody(input: Uint8Array | string): LockBatchResponseBody {
  return readBody('LockBatchResponseBody', input, readLockBatchResponseBody);
}

export function encodeLockBatchResponseBody(body: LockBatchResponseBody): Buffer {
  return jsonBytes({ lockOKMQSet: body.lockOKMQSet.map(messageQueueJson) });
}
