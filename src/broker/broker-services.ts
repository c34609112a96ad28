/**
 * The broker's services for one run (RocketMQ BrokerController.initialize): the settings,
 * topic table and store it was started with, plus the registries and services the request
 * handlers share — producer and consumer groups (the consumer listener sends
 * NOTIFY_CONSUMER_IDS_CHANGED unless notifyConsumerIdsChangedEnable is off), subscription
 * groups (subscriptionGroup.json), consumer offsets (consumerOffset.json), orderly-consumer
 * queue locks, the schedule service (delayOffset.json), the transaction check service
 * (transaction/) and the hold service of parked
 * pulls, whose wake-ups re-run the pull (pull/pull-processor.ts).
 *
 * The JSON files are read here (a file that exists but does not parse, with no usable
 * `.bak`, stops the start); nothing is started: Broker starts the schedule service once
 * the store is up.
 */
import type { Logger } from '../common/log.js';
import type { RemotingConnection } from '../remoting/connection.js';
import { DelayLevels } from '../store/delay-levels.js';
import type { MessageStore } from '../store/message-store.js';
import type { BrokerConfig } from './broker-config.js';
import { BrokerConfiguration } from './broker-configuration.js';
import type { BrokerContext } from './broker-context.js';
import { consumerIdsChangedNotifier } from './consumer/broker-to-client.js';
import { ConsumerManager } from './consumer/consumer-manager.js';
import { ProducerManager } from './consumer/producer-manager.js';
import { PullRequestHoldService } from './long-polling/pull-request-hold-service.js';
import { ConsumerOffsetManager } from './offset/consumer-offset-manager.js';
import type { ParkedRequest } from './pull/parked-request.js';
import { rerunParkedPull } from './pull/pull-processor.js';
import { RebalanceLockManager } from './rebalance-lock/rebalance-lock-manager.js';
import { ScheduleMessageService } from './schedule/schedule-message-service.js';
import { BrokerStats } from './stats/broker-stats.js';
import { SubscriptionGroupManager } from './subscription/subscription-group-manager.js';
import type { TopicConfigManager } from './topic/topic-config-manager.js';
import { brokerCheckIo, halfQueueIds, type TransactionServices } from './transaction/transaction-bridge.js';
import { TransactionCheckService } from './transaction/transaction-check-service.js';

export interface BrokerServicesInput {
  config: BrokerConfig;
  topics: TopicConfigManager;
  store: MessageStore;
  extraProperties?: ReadonlyMap<string, string> | undefined;
  logger: Logger;
}

export function createBrokerContext(input: BrokerServicesInput): BrokerContext {
  const { config, store, logger } = input;
  const delayLevels = new DelayLevels(config.messageDelayLevel);
  const holder: { context: BrokerContext | null } = { context: null };
  const producers = new ProducerManager<RemotingConnection>();
  const consumerOffsets = loaded(new ConsumerOffsetManager({ storePathRootDir: config.storePathRootDir, logger }));
  const storeHost = { host: config.brokerIP1, port: config.listenPort };
  const context: BrokerContext = {
    config,
    configuration: new BrokerConfiguration(config, input.extraProperties),
    topics: input.topics,
    store,
    storeHost,
    brokerAddr: `${config.brokerIP1}:${config.listenPort}`,
    producers,
    consumers: new ConsumerManager<RemotingConnection>({ listener: consumerIdsChangedNotifier(() => config.notifyConsumerIdsChangedEnable, logger) }),
    subscriptionGroups: loaded(new SubscriptionGroupManager({ storePathRootDir: config.storePathRootDir, autoCreateSubscriptionGroup: () => config.autoCreateSubscriptionGroup, logger })),
    consumerOffsets,
    rebalanceLocks: new RebalanceLockManager({ lockMaxLiveTimeMs: config.rebalanceLockMaxLiveTime }),
    schedule: new ScheduleMessageService({ store, delayLevels, storePathRootDir: config.storePathRootDir, flushDelayOffsetIntervalMs: config.flushDelayOffsetInterval, logger }),
    transactionCheck: transactionCheckService({ store, topics: input.topics, producers, consumerOffsets, storeHost, logger }, config, logger),
    pulls: { hold: holdService(config, store, holder, logger), stopping: false },
    stats: new BrokerStats(Date.now, () => config.brokerClusterName),
    delayLevels,
    logger,
  };
  holder.context = context;
  return context;
}

function transactionCheckService(services: TransactionServices, config: BrokerConfig, logger: Logger): TransactionCheckService {
  return new TransactionCheckService({
    io: brokerCheckIo(services),
    halfQueueIds: () => halfQueueIds(services.topics),
    settings: () => ({ transactionTimeOut: config.transactionTimeOut, transactionCheckMax: config.transactionCheckMax, fileReservedTime: config.fileReservedTime }),
    intervalMs: config.transactionCheckInterval,
    logger,
  });
}

function loaded<T extends { load(): void }>(manager: T): T {
  manager.load();
  return manager;
}

function holdService(config: BrokerConfig, store: MessageStore, holder: { context: BrokerContext | null }, logger: Logger): PullRequestHoldService<ParkedRequest> {
  return new PullRequestHoldService<ParkedRequest>({
    rerun: (pull) => {
      if (holder.context) rerunParkedPull(holder.context, pull);
      else pull.request.answer(null);
    },
    maxOffsetInQueue: (topic, queueId) => store.getMaxOffsetInQueue(topic, queueId),
    longPollingEnable: config.longPollingEnable,
    shortPollingTimeMills: config.shortPollingTimeMills,
    dropped: (pull) => pull.request.answer(null),
    logger,
  });
}
