/**
 * QUERY_CORRECTION_OFFSET (308): per queue of `topic`, the smallest committed offset of the
 * groups consuming it (except `filterGroups`, comma-separated) that is still at or above
 * the queue's min offset — how far messages may be considered consumed by everyone. When
 * `compareGroup` is further behind on a queue than that, the queue's answer is
 * Long.MAX_VALUE. Body `{"correctionOffsets":{"<queueId>":<offset>,…}}`.
 */
import { QueryCorrectionOffsetHeader } from '../../protocol/headers/query-correction-offset-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

/** Java Long.MAX_VALUE, written as its exact digits (a double cannot hold it). */
const LONG_MAX_TEXT = '9223372036854775807';

export const queryCorrectionOffset: BrokerHandler = (context, request) => {
  const header = QueryCorrectionOffsetHeader.decode(request.extFields);
  const { topic } = header;
  const correction = context.consumerOffsets.queryMinOffsetInAllGroup(topic, header.filterGroups ?? '', (queueId) => context.store.getMinOffsetInQueue(topic, queueId));
  const texts = new Map<number, string>([...correction].map(([queueId, offset]) => [queueId, String(offset)]));
  for (const [queueId, offset] of context.consumerOffsets.offsetsOf(header.compareGroup, topic) ?? []) {
    const min = correction.get(queueId);
    if (min !== undefined && min > offset) texts.set(queueId, LONG_MAX_TEXT);
  }
  const entries = [...texts].map(([queueId, text]) => `${JSON.stringify(String(queueId))}:${text}`);
  return createResponse(request, ResponseCode.SUCCESS, { body: Buffer.from(`{"correctionOffsets":{${entries.join(',')}}}`, 'utf8') });
};
