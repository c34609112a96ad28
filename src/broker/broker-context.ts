/**
 * What every broker request handler works with, and the shape of a handler: one function
 * per request code (handlers/<code-name>.ts), bound to the context when the broker starts.
 * Handlers answer refusals with RocketMQ's response code and remark; malformed headers and
 * bodies throw RocketMQErrors, which the transport answers with 1 SYSTEM_ERROR and the
 * error's text.
 */
import type { Logger } from '../common/log.js';
import type { SocketAddress } from '../protocol/message/socket-address.js';
import type { RemotingConnection } from '../remoting/connection.js';
import type { RemotingCommand } from '../remoting/remoting-command.js';
import type { DelayLevels } from '../store/delay-levels.js';
import type { MessageStore } from '../store/message-store.js';
import type { BrokerConfig } from './broker-config.js';
import type { BrokerConfiguration } from './broker-configuration.js';
import type { ConsumerManager } from './consumer/consumer-manager.js';
import type { ProducerManager } from './consumer/producer-manager.js';
import type { PullRequestHoldService } from './long-polling/pull-request-hold-service.js';
import type { ConsumerOffsetManager } from './offset/consumer-offset-manager.js';
import type { ParkedRequest } from './pull/parked-request.js';
import type { RebalanceLockManager } from './rebalance-lock/rebalance-lock-manager.js';
import type { ScheduleMessageService } from './schedule/schedule-message-service.js';
import type { BrokerStats } from './stats/broker-stats.js';
import type { SubscriptionGroupManager } from './subscription/subscription-group-manager.js';
import type { TopicConfigManager } from './topic/topic-config-manager.js';
import type { TransactionCheckService } from './transaction/transaction-check-service.js';

/** Parked pulls (long polling), and whether the broker is stopping (then nothing is parked). */
export interface PullHold {
  readonly hold: PullRequestHoldService<ParkedRequest>;
  stopping: boolean;
}

export interface BrokerContext {
  /** The live settings (UPDATE_BROKER_CONFIG changes them in place). */
  readonly config: BrokerConfig;
  readonly configuration: BrokerConfiguration;
  readonly topics: TopicConfigManager;
  readonly store: MessageStore;
  /** brokerIP1 and the bound listenPort: the store host of every message and the address registered with the name servers. */
  readonly storeHost: SocketAddress;
  /** `brokerIP1:listenPort`. */
  readonly brokerAddr: string;
  /** Producer groups, from heartbeats (consumer/producer-manager.ts). */
  readonly producers: ProducerManager<RemotingConnection>;
  /** Consumer groups, from heartbeats: members, subscriptions, how they consume. */
  readonly consumers: ConsumerManager<RemotingConnection>;
  /** Consumer-group settings, subscriptionGroup.json. */
  readonly subscriptionGroups: SubscriptionGroupManager;
  /** Committed consumer offsets, consumerOffset.json. */
  readonly consumerOffsets: ConsumerOffsetManager;
  /** Queue locks of orderly consumers. */
  readonly rebalanceLocks: RebalanceLockManager;
  /** Delivery of delayed messages (its cursors: delayOffset.json). */
  readonly schedule: ScheduleMessageService;
  /** Checks of half messages whose transaction has not ended (a master starts it). */
  readonly transactionCheck: TransactionCheckService;
  readonly pulls: PullHold;
  readonly stats: BrokerStats;
  readonly delayLevels: DelayLevels;
  readonly logger: Logger;
}

export type BrokerHandler = (
  context: BrokerContext,
  request: RemotingCommand,
  connection: RemotingConnection,
) => RemotingCommand | null | Promise<RemotingCommand | null>;
