/**
 * The subscription a pull reads with (RocketMQ 4.9.8 PullMessageProcessor):
 *
 * - PullSysFlag SUBSCRIPTION set (ali-ons, pull and lite-pull consumers): built from the
 *   request's `subscription` and `expressionType` (TAG: FilterAPI's rules, filter/);
 * - otherwise (Java push consumers): the one the group's heartbeats registered for the
 *   topic —
 *     no group registered                          → 24 `the consumer's group info not exist` + FAQ
 *     BROADCASTING while the group forbids it      → 16 `the consumer group[<g>] can not consume by broadcast way`
 *     no subscription of the topic                 → 24 `the consumer's subscription not exist` + FAQ
 *     registered subVersion < the request's        → 25 `the consumer's subscription not latest`
 *       (the client's next heartbeat brings it; it retries in 3 s).
 *
 * Expression types other than TAG: a blank expression → 23 `parse the consumer's
 * subscription failed`; otherwise this broker, like a 4.9.8 broker with its default
 * enablePropertyFilter=false, answers 1 `The broker does not support consumer to filter
 * message by <type>`.
 */
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import type { SubscriptionGroupConfig } from '../../protocol/bodies/subscription-group-config.js';
import type { PullMessageRequestHeader } from '../../protocol/headers/pull-message-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { MessageFilter } from '../../store/message-store.js';
import type { BrokerContext } from '../broker-context.js';
import { buildTagSubscription, isTagType } from '../filter/build-subscription.js';
import { messageFilterFor } from '../filter/tag-filter.js';
import { FAQ_SUGGESTION } from '../send/send-checks.js';
import type { PullRefusal } from './pull-checks.js';
import { hasSubscriptionFlag } from '../../protocol/pull-sys-flag.js';

export type PullSubscription = { ok: true; filter: MessageFilter } | PullRefusal;

function refuse(code: number, remark: string): PullRefusal {
  return { ok: false, code, remark };
}

export function resolvePullSubscription(
  context: BrokerContext,
  header: PullMessageRequestHeader,
  groupConfig: Readonly<SubscriptionGroupConfig>,
): PullSubscription {
  if (hasSubscriptionFlag(header.sysFlag)) return fromRequest(header);
  const group = context.consumers.findGroup(header.consumerGroup);
  if (!group) return refuse(ResponseCode.SUBSCRIPTION_NOT_EXIST, `the consumer's group info not exist${FAQ_SUGGESTION}`);
  if (!groupConfig.consumeBroadcastEnable && group.messageModel === 'BROADCASTING') {
    return refuse(ResponseCode.NO_PERMISSION, `the consumer group[${header.consumerGroup}] can not consume by broadcast way`);
  }
  const subscription = group.subscriptions.get(header.topic);
  if (!subscription) return refuse(ResponseCode.SUBSCRIPTION_NOT_EXIST, `the consumer's subscription not exist${FAQ_SUGGESTION}`);
  if (subscription.subVersion < header.subVersion) return refuse(ResponseCode.SUBSCRIPTION_NOT_LATEST, "the consumer's subscription not latest");
  return filterOf(subscription);
}

function fromRequest(header: PullMessageRequestHeader): PullSubscription {
  if (isTagType(header.expressionType)) return filterOf(buildTagSubscription(header.topic, header.subscription, header.subVersion));
  if (header.subscription === undefined || header.subscription.trim() === '') {
    return refuse(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "parse the consumer's subscription failed");
  }
  return unsupported(header.expressionType ?? '');
}

function filterOf(subscription: Readonly<SubscriptionData>): PullSubscription {
  if (!subscription.classFilterMode && !isTagType(subscription.expressionType)) return unsupported(subscription.expressionType);
  const outcome = messageFilterFor(subscription);
  return outcome.ok ? { ok: true, filter: outcome.filter } : refuse(outcome.responseCode, outcome.remark);
}

function unsupported(expressionType: string): PullRefusal {
  return refuse(ResponseCode.SYSTEM_ERROR, `The broker does not support consumer to filter message by ${expressionType}`);
}
