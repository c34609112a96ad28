/**
 * QUERY_CONSUME_QUEUE (321, mqadmin queryCq): the units of one consume queue from an index,
 * as RocketMQ 4.9.8 AdminBrokerProcessor.queryConsumeQueue answers:
 *
 *   no such queue in the store       1 `<queueId>@<topic> is not exist!`
 *   otherwise                        0 with QueryConsumeQueueResponseBody: maxQueueIndex /
 *                                    minQueueIndex; with a `consumerGroup`, its live
 *                                    subscription of the topic and filterData ("null" —
 *                                    TAG subscriptions have no filter data — or
 *                                    `<group>@<topic> is not online!` without one);
 *                                    queueData: up to `count` units from `index`, within
 *                                    the queue file holding `index`
 *   index outside [min, max)         0 without a body, remark
 *                                    `Index <index> of <queueId>@<topic> is not exist!`
 *
 * The header's fields are all optional (Java primitives default to 0). Units never point
 * into a consume-queue extension here (no `enableConsumeQueueExt`), so `eval` is false and
 * extendDataJson / bitMap / msg are absent, as with 4.9.8's defaults.
 */
import {
  encodeQueryConsumeQueueResponseBody,
  type QueryConsumeQueueResponseBody,
} from '../../protocol/bodies/query-consume-queue-response-body.js';
import { QueryConsumeQueueRequestHeader } from '../../protocol/headers/query-consume-queue-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const queryConsumeQueue: BrokerHandler = async (context, request) => {
  const header = QueryConsumeQueueRequestHeader.decode(request.extFields);
  const topic = header.topic ?? 'null';
  const queueId = header.queueId ?? 0;
  const index = header.index ?? 0;
  const slice = header.topic === undefined ? null : await context.store.readConsumeQueue(header.topic, queueId, index, header.count ?? 0);
  if (slice === null) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `${queueId}@${topic} is not exist!` });

  const body: QueryConsumeQueueResponseBody = { maxQueueIndex: slice.maxOffset, minQueueIndex: slice.minOffset };
  const group = header.consumerGroup;
  if (group !== undefined) {
    const subscription = context.consumers.findSubscription(group, topic);
    if (subscription) body.subscriptionData = { ...subscription };
    body.filterData = subscription ? 'null' : `${group}@${topic} is not online!`;
  }
  if (slice.entries === null) {
    return createResponse(request, ResponseCode.SUCCESS, { remark: `Index ${index} of ${queueId}@${topic} is not exist!` });
  }
  body.queueData = slice.entries.map((entry) => ({ physicOffset: entry.commitLogOffset, physicSize: entry.size, tagsCode: entry.tagsCode, eval: false }));
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeQueryConsumeQueueResponseBody(body) });
};
