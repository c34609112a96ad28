/**
 * MessageQueueSelector: picks the queue of an ordered send (Java `MessageQueueSelector`),
 * so that all messages with the same key land in one queue and keep their order.
 *
 * `selectMessageQueueByHash` uses Java's hashCode of the argument (String.hashCode for
 * strings, Integer/Long.hashCode for numbers), so a key maps to the same queue index as
 * with a Java producer. `selectMessageQueueByRandom` picks any queue.
 */
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { javaStringHash } from '../../protocol/message/tag-hash.js';
import type { Message } from '../message/message.js';

export interface MessageQueueSelector<A = unknown> {
  select(queues: readonly MessageQueue[], message: Message, arg: A): MessageQueue | undefined;
}

/** Java hashCode of a string, int, long or boolean (other values: of their string form). */
export function javaHashCode(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value >= -0x80000000 && value <= 0x7fffffff) return value;
    const long = BigInt.asIntN(64, BigInt(value));
    return Number(BigInt.asIntN(32, long ^ (long >> 32n)));
  }
  if (typeof value === 'bigint') {
    const long = BigInt.asIntN(64, value);
    return Number(BigInt.asIntN(32, long ^ (long >> 32n)));
  }
  if (typeof value === 'boolean') return value ? 1231 : 1237;
  return javaStringHash(String(value));
}

export const selectMessageQueueByHash: MessageQueueSelector = {
  select(queues, _message, arg) {
    if (queues.length === 0) return undefined;
    return queues[Math.abs(javaHashCode(arg)) % queues.length];
  },
};

export const selectMessageQueueByRandom: MessageQueueSelector = {
  select(queues) {
    return queues[Math.floor(Math.random() * queues.length)];
  },
};
