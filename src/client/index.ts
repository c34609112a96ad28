/**
 * rocketmq-ts/client: the RocketMQ 4.x client — producer (with request/reply), transaction producer, push consumer (concurrently and
 * orderly), pull and lite pull consumers, admin, queue allocation strategies, offset stores.
 */
export { resolveClientConfig, parseNamesrvAddr, type ClientConfig, type ResolvedClientConfig } from './client-config.js';
export { ClientInstance, CLIENT_INNER_PRODUCER_GROUP, type ClientInstanceOptions, type ConsumerInner, type ProducerInner, type RouteTemplate } from './client-instance.js';
export { ClientLimits } from './client-limits.js';
export { ClientErrorCode, MQBrokerError, MQClientError, RequestTimeoutError, isRetriableResponseCode, type MQClientErrorOptions } from './errors.js';
export { localAddress } from './local-address.js';
export { NameServerSelector } from './name-server-selector.js';
export { QueueAdmin, type QueryResult } from './queue-admin.js';
export * from './validators.js';

export { messageBody, messageProperties, type Message } from './message/message.js';
export { messageExtOfRecord, type MessageExt } from './message/message-ext.js';

export { TopicPublishInfo } from './route/topic-publish-info.js';
export { subscribeQueuesOfRoute } from './route/subscribe-queues.js';
export { BrokerAddressTable, MASTER_ID, type FoundBroker } from './route/broker-address-table.js';
export { QueueIndex } from './route/queue-index.js';
export { PermName, isReadable, isWriteable } from '../protocol/perm-name.js';

export { Producer, type RequestTarget, type SendCallback, type SendOptions } from './producer/producer.js';
export {
  REPLY_MESSAGE_FLAG,
  REPLY_TOPIC_POSTFIX,
  createReplyMessage,
  isReplyMessage,
  replyTopicOf,
  type ReceivedReply,
  type ReplyMessage,
  type ReplyProperties,
  type RequestMessageLike,
} from './producer/reply-message.js';
export { RequestTable, SWEPT_REQUEST_MESSAGE, type RequestCallback } from './producer/request-table.js';
export { resolveProducerOptions, DEFAULT_PRODUCER_GROUP, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_RETRY_RESPONSE_CODES, type ProducerOptions, type ResolvedProducerOptions } from './producer/producer-options.js';
export { TransactionProducer, DEFAULT_CHECK_REQUEST_HOLD_MAX, DEFAULT_CHECK_THREAD_POOL_MAX_SIZE, type TransactionProducerOptions } from './producer/transaction-producer.js';
export { LocalTransactionState, commitOrRollbackOf, localTransactionStateOf } from './producer/local-transaction-state.js';
export type { LocalTransactionOutcome, TransactionCheckMessage, TransactionListener, TransactionMessage, TransactionSendResult } from './producer/transaction-listener.js';
export { sendResultOfResponse, type SendResult, type SendStatus } from './producer/send-result.js';
export { selectMessageQueueByHash, selectMessageQueueByRandom, javaHashCode, type MessageQueueSelector } from './producer/message-queue-selector.js';
export type { CommunicationMode, SendMessageContext, SendMessageHook } from './producer/send-hook.js';
export { MQFaultStrategy, DEFAULT_LATENCY_MAX, DEFAULT_NOT_AVAILABLE_DURATION, type FaultStrategyOptions } from './producer/fault/mq-fault-strategy.js';
export { LatencyFaultTolerance, type FaultItem } from './producer/fault/latency-fault-tolerance.js';

export { MQAdmin, ORDER_TOPIC_CONFIG_NAMESPACE, type ClusterListEntry, type MQAdminOptions } from './admin/mq-admin.js';
export type { TopicSettings } from './admin/topic-settings.js';

export { PullConsumer, DEFAULT_CONSUMER_GROUP, type PullConsumerOptions } from './consumer/pull-consumer.js';
export { PushConsumer } from './consumer/push-consumer.js';
export { LitePullConsumer, type MessageQueueListener } from './consumer/lite-pull-consumer.js';
export { resolveLitePullConsumerOptions, type LitePullConsumerOptions, type ResolvedLitePullConsumerOptions } from './consumer/lite-pull-consumer-options.js';
export { resolvePushConsumerOptions, type PushConsumerOptions, type ResolvedPushConsumerOptions } from './consumer/push-consumer-options.js';
export {
  ACK_ALL,
  ConsumeConcurrentlyStatus,
  ConsumeOrderlyStatus,
  isOrderlyListener,
  type ConsumeConcurrentlyContext,
  type ConsumeOrderlyContext,
  type MessageListener,
  type MessageListenerConcurrently,
  type MessageListenerOrderly,
} from './consumer/message-listener.js';
export { ProcessQueue, type ProcessQueueInfo } from './consumer/process-queue.js';
export { formatConsumeTimestamp, parseConsumeTimestamp } from './consumer/consume-from-where.js';
export type { ConsumeStatus } from './consumer/consumer-stats.js';
export { RunningInfoProperty } from './consumer/running-info.js';
export type { ConsumeFromWhere, MessageModel } from '../protocol/bodies/heartbeat-data.js';
export type { PullResult, PullStatus } from './consumer/pull-result.js';
export { PullSysFlag, buildPullSysFlag } from '../protocol/pull-sys-flag.js';
export { buildSubscriptionData, tagMatches } from './consumer/subscription.js';
export type { OffsetStore, ReadOffsetType } from './consumer/offset-store/offset-store.js';
export { LocalFileOffsetStore, DEFAULT_LOCAL_OFFSET_STORE_DIR, type LocalFileOffsetStoreOptions } from './consumer/offset-store/local-file-offset-store.js';
export { RemoteBrokerOffsetStore } from './consumer/offset-store/remote-broker-offset-store.js';
export { decodeOffsetsFile, encodeOffsetsFile } from './consumer/offset-store/offsets-file.js';
export type { AllocateMessageQueueStrategy } from './consumer/rebalance/allocate-strategy.js';
export { AllocateMessageQueueAveragely } from './consumer/rebalance/allocate-averagely.js';
export { AllocateMessageQueueAveragelyByCircle } from './consumer/rebalance/allocate-averagely-by-circle.js';
export { AllocateMessageQueueConsistentHash, messageQueueText } from './consumer/rebalance/allocate-consistent-hash.js';
export { AllocateMessageQueueByConfig } from './consumer/rebalance/allocate-by-config.js';
export { AllocateMessageQueueByMachineRoom } from './consumer/rebalance/allocate-by-machine-room.js';
export { AllocateMachineRoomNearby, type MachineRoomResolver } from './consumer/rebalance/allocate-machine-room-nearby.js';
export { ConsistentHashRouter, md5Hash, type HashFunction } from './consumer/rebalance/consistent-hash-router.js';

export type { MessageQueue } from '../protocol/bodies/message-queue.js';
export type { TopicRouteData } from '../protocol/bodies/topic-route-data.js';
export type { RpcHook } from '../remoting/rpc-hook.js';
