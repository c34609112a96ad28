/**
 * What the push consumer does when its rebalance changes the queues it holds (Java
 * `RebalancePushImpl`):
 *
 * - a new set of queues: the topic's subscription version becomes now, the per-queue pull
 *   thresholds are re-divided when pullThresholdFor(Size)ForTopic is set, and a heartbeat
 *   tells the brokers at once (before the new queues' first pulls);
 * - a queue given up: its offset is persisted and forgotten; orderly CLUSTERING consumers
 *   then wait (up to 1 s) for the listener call on it to end and unlock it at the broker —
 *   at once, or after unlockDelayTimeMills when messages were still cached; if the call
 *   does not end the queue is kept for now (tryUnlockTimes + 1);
 * - a new queue starts where computePullFromWhere says, and its pull request is
 *   dispatched at once.
 */
import type { Logger } from '../../common/log.js';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { ClientInstance } from '../client-instance.js';
import type { QueueAdmin } from '../queue-admin.js';
import { computePullFromWhere } from './consume-from-where.js';
import type { OffsetStore } from './offset-store/offset-store.js';
import type { ProcessQueue } from './process-queue.js';
import type { PullRequest } from './pull-request.js';
import type { PushPullLoop } from './push-pull-loop.js';
import type { ResolvedPushConsumerOptions } from './push-consumer-options.js';
import type { RebalanceHooks, RebalanceImpl } from './rebalance/rebalance-impl.js';
import { waitUntil } from './wait-until.js';

const CONSUME_LOCK_WAIT_MS = 1000;

export interface PushRebalanceHost {
  readonly options: ResolvedPushConsumerOptions;
  readonly instance: ClientInstance;
  readonly queueAdmin: QueueAdmin;
  readonly offsetStore: OffsetStore;
  readonly rebalance: RebalanceImpl;
  readonly orderly: boolean;
  readonly loop: PushPullLoop;
  readonly logger: Logger;
  thresholds: { messages: number; mebibytes: number };
}

export function pushRebalanceHooks(host: () => PushRebalanceHost): RebalanceHooks {
  return {
    consumeType: 'CONSUME_PASSIVELY',
    messageQueueChanged: (topic) => messageQueueChanged(host(), topic),
    removeUnnecessaryMessageQueue: (mq, pq) => removeUnnecessaryMessageQueue(host(), mq, pq),
    removeDirtyOffset: (mq) => host().offsetStore.removeOffset(mq),
    computePullFromWhere: (mq) => startOffset(host(), mq),
    dispatchPullRequests: (requests: readonly PullRequest[]) => {
      for (const request of requests) host().loop.executePullRequestImmediately(request);
    },
  };
}

export function startOffset(host: PushRebalanceHost, mq: MessageQueue): Promise<number> {
  return computePullFromWhere(mq, host.options, host.offsetStore, host.queueAdmin);
}

async function messageQueueChanged(host: PushRebalanceHost, topic: string): Promise<void> {
  const subscription = host.rebalance.subscriptions.get(topic);
  if (subscription !== undefined) subscription.subVersion = host.options.clock();
  const queues = host.rebalance.heldQueues().length;
  if (queues > 0) {
    const { pullThresholdForTopic, pullThresholdSizeForTopic } = host.options;
    if (pullThresholdForTopic !== -1) host.thresholds.messages = Math.max(1, Math.floor(pullThresholdForTopic / queues));
    if (pullThresholdSizeForTopic !== -1) host.thresholds.mebibytes = Math.max(1, Math.floor(pullThresholdSizeForTopic / queues));
  }
  await host.instance.sendHeartbeatToAllBrokers();
}

async function removeUnnecessaryMessageQueue(host: PushRebalanceHost, mq: MessageQueue, pq: ProcessQueue): Promise<boolean> {
  await host.offsetStore.persist(mq).catch((error: unknown) => host.logger.warn({ mq, err: (error as Error).message }, 'offset persist failed'));
  host.offsetStore.removeOffset(mq);
  if (!host.orderly || host.options.messageModel !== 'CLUSTERING') return true;
  if (!(await waitUntil(() => pq.inFlight === 0, CONSUME_LOCK_WAIT_MS))) {
    pq.tryUnlockTimes++;
    host.logger.warn({ mq, tryUnlockTimes: pq.tryUnlockTimes }, 'the queue is being consumed; it is not unlocked this time');
    return false;
  }
  if (pq.hasTempMessage()) host.loop.executeTaskLater(() => void host.rebalance.unlock(mq, true), host.options.unlockDelayTimeMills);
  else await host.rebalance.unlock(mq, true);
  return true;
}
