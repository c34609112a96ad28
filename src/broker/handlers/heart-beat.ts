/**
 * HEART_BEAT (34): a client's consumer and producer groups (HeartbeatData body), as
 * RocketMQ 4.9.8's ClientManageProcessor records them. For each consumer group:
 *
 *   1. its subscription group is found or created (autoCreateSubscriptionGroup); when there
 *      is one, its retry topic `%RETRY%<group>` is created if missing (retryQueueNums
 *      queues, perm 6, unit sub flag in unit mode) — a new topic is registered with the
 *      name servers at once (topic change listener);
 *   2. the client's connection joins the group with the heartbeat's consume settings and
 *      subscriptions; when the members or the subscribed topics changed, every member is
 *      sent NOTIFY_CONSUMER_IDS_CHANGED (40) — before this heartbeat is answered — unless
 *      the group's or the broker's notifyConsumerIdsChangedEnable is off.
 * Then each producer group records the connection. Answered 0 with no header, as RocketMQ
 * does; a registry past its bounds answers 2 SYSTEM_BUSY (the next heartbeat tries again).
 */
import { decodeHeartbeatData, type ConsumerData } from '../../protocol/bodies/heartbeat-data.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { RemotingConnection } from '../../remoting/connection.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerContext, BrokerHandler } from '../broker-context.js';
import type { ClientIdentity, RegistryRefusal } from '../consumer/client-channel.js';
import { retryTopicOf } from '../topic/group-topics.js';
import { PermName } from '../../protocol/perm-name.js';

/** TopicSysFlag of a unit-mode consumer's retry topic (Java TopicSysFlag.buildSysFlag(false, true)). */
const FLAG_UNIT_SUB = 0x2;

export const heartBeat: BrokerHandler = (context, request, connection) => {
  const heartbeat = decodeHeartbeatData(request.body ?? Buffer.from('{}'));
  const client = { connection, clientId: heartbeat.clientID, language: request.language, version: request.version };
  for (const consumer of heartbeat.consumerDataSet) {
    const refused = registerConsumer(context, consumer, client);
    if (refused) return createResponse(request, refused.responseCode, { remark: refused.remark });
  }
  for (const producer of heartbeat.producerDataSet) {
    const outcome = context.producers.registerProducer(producer.groupName, client);
    if (!outcome.ok) return createResponse(request, outcome.responseCode, { remark: outcome.remark });
  }
  return createResponse(request, ResponseCode.SUCCESS);
};

function registerConsumer(context: BrokerContext, data: ConsumerData, client: ClientIdentity<RemotingConnection>): RegistryRefusal | null {
  const group = context.subscriptionGroups.findOrCreate(data.groupName);
  let notify = true;
  if (group.ok) {
    notify = group.config.notifyConsumerIdsChangedEnable;
    const topicSysFlag = data.unitMode ? FLAG_UNIT_SUB : 0;
    context.topics.createTopicInSendMessageBackMethod(retryTopicOf(data.groupName), group.config.retryQueueNums, PermName.READ | PermName.WRITE, topicSysFlag);
  }
  const outcome = context.consumers.registerConsumer(data, client, notify);
  if (!outcome.ok) return outcome;
  if (outcome.changed) context.logger.info({ group: data.groupName, client: client.clientId, remote: client.connection.remoteAddress }, 'consumer group changed');
  return null;
}
