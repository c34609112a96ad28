/**
 * The checks of a PULL_MESSAGE before the store is read (RocketMQ 4.9.8
 * PullMessageProcessor, §6.2 of the protocol notes), in order, each with its answer:
 *
 *  1. the broker is not readable (brokerPermission) → 16 `the broker[<ip>] pulling message is forbidden`
 *  2. the subscription group is unknown and cannot be created (autoCreateSubscriptionGroup
 *     off, or the table is full) → 26; the group may not consume → 16
 *  3. the topic is unknown → 17; not readable → 16
 *  4. queueId < 0 or ≥ readQueueNums → 1
 *  5. the subscription (pull-subscription.ts): from the request, or from the group's
 *     heartbeats (24 / 25 / 16), and its store filter
 * The outcome is the filter to read with, or the refusal to answer.
 */
import type { SubscriptionGroupConfig } from '../../protocol/bodies/subscription-group-config.js';
import type { PullMessageRequestHeader } from '../../protocol/headers/pull-message-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { MessageFilter } from '../../store/message-store.js';
import type { BrokerContext } from '../broker-context.js';
import { FAQ_SUGGESTION } from '../send/send-checks.js';
import { isReadable } from '../../protocol/perm-name.js';
import { resolvePullSubscription } from './pull-subscription.js';

export interface PullRefusal {
  ok: false;
  code: number;
  remark: string;
}

export type PullPlan = { ok: true; filter: MessageFilter; groupConfig: Readonly<SubscriptionGroupConfig> } | PullRefusal;

export function refusePull(code: number, remark: string): PullRefusal {
  return { ok: false, code, remark };
}

export function planPull(context: BrokerContext, header: PullMessageRequestHeader, remoteAddress: string): PullPlan {
  if (!isReadable(context.config.brokerPermission)) {
    return refusePull(ResponseCode.NO_PERMISSION, `the broker[${context.storeHost.host}] pulling message is forbidden`);
  }
  const group = context.subscriptionGroups.findOrCreate(header.consumerGroup);
  if (!group.ok) return refusePull(group.responseCode, `${group.remark}, ${FAQ_SUGGESTION}`);
  if (!group.config.consumeEnable) return refusePull(ResponseCode.NO_PERMISSION, `subscription group no permission, ${header.consumerGroup}`);
  const topicConfig = context.topics.select(header.topic);
  if (!topicConfig) return refusePull(ResponseCode.TOPIC_NOT_EXIST, `topic[${header.topic}] not exist, apply first please!${FAQ_SUGGESTION}`);
  if (!isReadable(topicConfig.perm)) return refusePull(ResponseCode.NO_PERMISSION, `the topic[${header.topic}] pulling message is forbidden`);
  if (header.queueId < 0 || header.queueId >= topicConfig.readQueueNums) {
    return refusePull(
      ResponseCode.SYSTEM_ERROR,
      `queueId[${header.queueId}] is illegal, topic:[${header.topic}] topicConfig.readQueueNums:[${topicConfig.readQueueNums}] consumer:[${remoteAddress}]`,
    );
  }
  const subscription = resolvePullSubscription(context, header, group.config);
  if (!subscription.ok) return subscription;
  return { ok: true, filter: subscription.filter, groupConfig: group.config };
}
