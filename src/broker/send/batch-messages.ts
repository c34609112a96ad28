/**
 * Building the messages of SEND_BATCH_MESSAGE (RocketMQ asyncSendBatchMessage and the
 * store's batch checks), after the checks of send-checks.ts. Every entry of the batch body
 * (protocol/message/batch.ts) becomes its own record, all in one queue with consecutive
 * offsets. Refused with 13 MESSAGE_ILLEGAL and a remark saying why:
 *
 * - a body larger than maxMessageSize, a body that does not decode, an empty batch;
 * - a transactional sysFlag, or a DELAY level on the batch or on an entry, or an entry
 *   marked TRAN_MSG (RocketMQ checks the batch level only; its clients forbid the rest).
 *
 * No retry / dead-letter handling (RocketMQ does none for batches; its clients refuse
 * batches to retry topics).
 */
import type { TopicConfig } from '../../protocol/bodies/topic-config.js';
import { decodeBatch, type BatchEntry } from '../../protocol/message/batch.js';
import { PropertyKey, type MessageProperties } from '../../protocol/message/properties.js';
import { TransactionType, transactionTypeOf } from '../../protocol/message/sys-flag.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { MessageToStore } from '../../store/message-store.js';
import type { BrokerContext } from '../broker-context.js';
import type { Refusal } from '../topic/topic-validator.js';
import { chooseQueue, noWriteQueue, sysFlagFor, type Built, type SendInput } from './single-message.js';
import { batchEntryProperties, batchLevelProperties, javaBoolean } from './stored-properties.js';

export interface BuiltBatch {
  messages: MessageToStore[];
  queueId: number;
}

function illegal(problem: string): Refusal {
  return { code: ResponseCode.MESSAGE_ILLEGAL, remark: `the batch is illegal: ${problem}` };
}

function hasDelay(properties: MessageProperties): boolean {
  const level = Number(properties[PropertyKey.DELAY_TIME_LEVEL] ?? '0');
  return !Number.isNaN(level) && level > 0;
}

/** Why the batch as a whole may not be stored, or null. */
function batchRefusal(context: BrokerContext, input: SendInput, batchProperties: MessageProperties): Refusal | null {
  const maxMessageSize = context.config.maxMessageSize;
  if (input.body.length > maxMessageSize) return illegal(`body of ${input.body.length} bytes exceeds maxMessageSize ${maxMessageSize}`);
  if (transactionTypeOf(input.header.sysFlag) !== TransactionType.NOT_TYPE) return illegal('a batch cannot hold transactional messages');
  if (hasDelay(batchProperties)) return illegal('a batch cannot be delayed (DELAY)');
  return null;
}

function entryRefusal(entries: readonly BatchEntry[]): Refusal | null {
  if (entries.length === 0) return illegal('it holds no message');
  for (const [index, entry] of entries.entries()) {
    if (hasDelay(entry.properties)) return illegal(`message ${index} has a DELAY level; delayed messages cannot be batched`);
    if (javaBoolean(entry.properties[PropertyKey.TRANSACTION_PREPARED])) return illegal(`message ${index} is transactional (TRAN_MSG)`);
  }
  return null;
}

function decodeEntries(body: Buffer): BatchEntry[] | Refusal {
  try {
    return decodeBatch(body);
  } catch (error) {
    return illegal((error as Error).message);
  }
}

export function buildBatchMessages(context: BrokerContext, input: SendInput, topicConfig: TopicConfig): Built<BuiltBatch> {
  const { header } = input;
  const batchProperties = batchLevelProperties(header.properties, context.config.brokerClusterName);
  const refusal = batchRefusal(context, input, batchProperties);
  if (refusal) return { ok: false, refusal };
  const entries = decodeEntries(input.body);
  if (!Array.isArray(entries)) return { ok: false, refusal: entries };
  const entriesRefusal = entryRefusal(entries);
  if (entriesRefusal) return { ok: false, refusal: entriesRefusal };
  const queueId = chooseQueue(header.queueId, topicConfig);
  if (queueId === null) return { ok: false, refusal: noWriteQueue(header.topic) };
  const sysFlag = sysFlagFor(header.sysFlag, topicConfig);
  const messages = entries.map(
    (entry): MessageToStore => ({
      topic: header.topic,
      queueId,
      flag: entry.flag,
      body: entry.body,
      properties: batchEntryProperties(entry.properties, batchProperties),
      sysFlag,
      bornTimestamp: header.bornTimestamp,
      bornHost: input.bornHost,
      storeHost: context.storeHost,
      reconsumeTimes: header.reconsumeTimes ?? 0,
      preparedTransactionOffset: 0,
    }),
  );
  return { ok: true, value: { messages, queueId } };
}
