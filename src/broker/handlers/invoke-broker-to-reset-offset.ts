/**
 * INVOKE_BROKER_TO_RESET_OFFSET (222, mqadmin resetOffsetByTime): moves a consumer group
 * back (or, with isForce, also forward) to the messages stored since `timestamp` (-1: the
 * end of each queue), by telling its live members (RocketMQ 4.9.8 Broker2Client.resetOffset):
 *
 *   the topic is unknown                → 1 `[reset-offset] reset offset failed, no topic in this broker. topic=<t>`
 *   a write queue has no committed offset → 1 `THe consumer group <g> not exist` (offset/reset-offset.ts)
 *   the group has no live member        → 206 `Consumer not online, so can not reset offset, Group: <g> Topic: <t> Timestamp: <ts>`
 *   a member older than V3_0_7_SNAPSHOT → 1 `the client does not support this feature. version=<v>`
 *
 * Each member is sent RESET_CONSUMER_CLIENT_OFFSET (220) with the new offsets —
 * ResetOffsetBodyForC when the admin request's language is CPP, else ResetOffsetBody — and
 * the answer is 0 with ResetOffsetBody. The broker's own committed offsets move when the
 * clients commit the new ones, as in RocketMQ.
 */
import { encodeResetOffsetBody, encodeResetOffsetBodyForC } from '../../protocol/bodies/reset-offset-body.js';
import { messageQueueKey, type MessageQueueKey } from '../../protocol/bodies/message-queue.js';
import { ResetOffsetRequestHeader } from '../../protocol/headers/reset-offset-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command.js';
import type { BrokerContext, BrokerHandler } from '../broker-context.js';
import { resetConsumerClientOffset } from '../consumer/broker-to-client.js';
import { planResetOffset } from '../offset/reset-offset.js';

/** MQVersion ordinal of V3_0_7_SNAPSHOT: clients from it on understand RESET_CONSUMER_CLIENT_OFFSET. */
const V3_0_7_SNAPSHOT = 28;

export const invokeBrokerToResetOffset: BrokerHandler = async (context, request) => {
  const header = ResetOffsetRequestHeader.decode(request.extFields);
  const { topic, group, timestamp } = header;
  const topicConfig = context.topics.select(topic);
  if (!topicConfig) return refuse(request, ResponseCode.SYSTEM_ERROR, `[reset-offset] reset offset failed, no topic in this broker. topic=${topic}`);
  const plan = await planResetOffset({
    topic,
    group,
    writeQueueNums: topicConfig.writeQueueNums,
    timestamp,
    force: header.isForce,
    committedOffset: (queueId) => context.consumerOffsets.queryOffset(group, topic, queueId),
    maxOffset: (queueId) => context.store.getMaxOffsetInQueue(topic, queueId),
    offsetByTime: (queueId, time) => context.store.getOffsetInQueueByTime(topic, queueId, time),
  });
  if (!plan.ok) return refuse(request, plan.responseCode, plan.remark);
  const members = [...(context.consumers.findGroup(group)?.channels.values() ?? [])];
  if (members.length === 0) {
    return refuse(request, ResponseCode.CONSUMER_NOT_ONLINE, `Consumer not online, so can not reset offset, Group: ${group} Topic: ${topic} Timestamp: ${timestamp}`);
  }
  const old = members.find((member) => member.version < V3_0_7_SNAPSHOT);
  if (old) return refuse(request, ResponseCode.SYSTEM_ERROR, `the client does not support this feature. version=${old.version}`);
  const offsetTable = offsetTableOf(context, topic, plan.offsets);
  const body = request.language === 'CPP' ? encodeResetOffsetBodyForC({ offsetTable: forC(context, topic, plan.offsets) }) : encodeResetOffsetBody({ offsetTable });
  for (const member of members) resetConsumerClientOffset(member.connection, { topic, group, timestamp }, body, context.logger);
  return createResponse(request, ResponseCode.SUCCESS, { body: encodeResetOffsetBody({ offsetTable }) });
};

function refuse(request: RemotingCommand, code: number, remark: string): RemotingCommand {
  return createResponse(request, code, { remark });
}

function offsetTableOf(context: BrokerContext, topic: string, offsets: ReadonlyMap<number, number>): Map<MessageQueueKey, number> {
  const table = new Map<MessageQueueKey, number>();
  for (const [queueId, offset] of offsets) table.set(messageQueueKey({ topic, brokerName: context.config.brokerName, queueId }), offset);
  return table;
}

function forC(context: BrokerContext, topic: string, offsets: ReadonlyMap<number, number>): { topic: string; brokerName: string; queueId: number; offset: number }[] {
  return [...offsets].map(([queueId, offset]) => ({ topic, brokerName: context.config.brokerName, queueId, offset }));
}
