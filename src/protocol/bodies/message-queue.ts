/**
 * MessageQueue: one queue of a topic on one broker, `{"brokerName":…,"queueId":…,"topic":…}`
 * in JSON (fastjson's alphabetical property order).
 *
 * Maps keyed by MessageQueue (ConsumeStats, TopicStatsTable, ResetOffsetBody, …) are held
 * as `Map<MessageQueueKey, V>`, where the key is the queue's JSON text exactly as above.
 * That text is also what such a map's key is on the wire: fastjson's default output puts
 * the object itself as the key (read leniently into that text), and the standard form is a
 * JSON string holding that text. Keys read from the wire are re-written in this canonical
 * form, so a lookup with messageQueueKey(mq) always finds them.
 *
 * Ordering is Java's MessageQueue.compareTo: topic, then brokerName, then queueId.
 */
import { RocketMQError } from '../../common/errors.js';
import { BodyReader } from './body-json.js';
import { parseLenientJson } from './lenient-json.js';

export interface MessageQueue {
  topic: string;
  brokerName: string;
  queueId: number;
}

/** The canonical JSON text of a MessageQueue, used as the key of MessageQueue maps. */
export type MessageQueueKey = string;

export function messageQueueKey(mq: MessageQueue): MessageQueueKey {
  return `{"brokerName":${JSON.stringify(mq.brokerName)},"queueId":${mq.queueId},"topic":${JSON.stringify(mq.topic)}}`;
}

/** The MessageQueue a key stands for; BODY_MALFORMED when the text is not a MessageQueue. */
export function messageQueueFromKey(key: string, body = 'MessageQueue key'): MessageQueue {
  return BodyReader.of(body, parseLenientJson(key, body)).object(readMessageQueue);
}

export function readMessageQueue(reader: BodyReader): MessageQueue {
  return {
    topic: reader.field('topic').string(),
    brokerName: reader.field('brokerName').string(),
    queueId: reader.field('queueId').int(),
  };
}

/** The JSON object of a MessageQueue, properties in fastjson's order. */
export function messageQueueJson(mq: MessageQueue): Record<string, unknown> {
  return { brokerName: mq.brokerName, queueId: mq.queueId, topic: mq.topic };
}

/** Java's compareTo: topic, then brokerName, then queueId. */
export function compareMessageQueues(a: MessageQueue, b: MessageQueue): number {
  if (a.topic !== b.topic) return a.topic < b.topic ? -1 : 1;
  if (a.brokerName !== b.brokerName) return a.brokerName < b.brokerName ? -1 : 1;
  return a.queueId - b.queueId;
}

export function sameMessageQueue(a: MessageQueue, b: MessageQueue): boolean {
  return a.queueId === b.queueId && a.topic === b.topic && a.brokerName === b.brokerName;
}

/**
 * Reads a map keyed by MessageQueue: each key is either the text of a MessageQueue object
 * (fastjson default output, as turned into a string by the lenient parser) or a string
 * holding it (standard output). Keys come back in canonical form.
 */
export function readMessageQueueMap<V>(reader: BodyReader, readValue: (value: BodyReader) => V): Map<MessageQueueKey, V> {
  return reader.entries((key, at) => {
    try {
      return messageQueueKey(messageQueueFromKey(key, reader.body));
    } catch (error) {
      if (error instanceof RocketMQError) at.fail(`has a key that is not a MessageQueue (${error.message})`);
      throw error;
    }
  }, readValue);
}
