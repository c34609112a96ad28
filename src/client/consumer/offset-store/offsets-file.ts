/**
 * The local offset file of a broadcasting consumer (Java `OffsetSerializeWrapper`,
 * `offsets.json`): every queue's next offset to consume.
 *
 *   {
 *   	"offsetTable":{
 *   		"{\"brokerName\":\"broker-a\",\"queueId\":0,\"topic\":\"T\"}":42
 *   	}
 *   }
 *
 * Written in the standard form (MessageQueue keys as JSON strings, which fastjson reads
 * back into MessageQueues), tab-indented as fastjson's pretty format; read leniently, so
 * files the Java client wrote (object literals as keys) load too.
 */
import { jsonBytes, mapObject, readBody, same } from '../../../protocol/bodies/body-json.js';
import { readMessageQueueMap, type MessageQueueKey } from '../../../protocol/bodies/message-queue.js';

export function decodeOffsetsFile(text: string): Map<MessageQueueKey, number> {
  return readBody('OffsetSerializeWrapper', text, (reader) => readMessageQueueMap(reader.field('offsetTable'), (value) => value.long()));
}

export function encodeOffsetsFile(offsets: ReadonlyMap<MessageQueueKey, number>): string {
  const compact = jsonBytes({ offsetTable: mapObject(offsets, same) }).toString('utf8');
  return JSON.stringify(JSON.parse(compact), null, '\t');
}
