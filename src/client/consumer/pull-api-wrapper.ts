/**
 * PullAPIWrapper: one PULL_MESSAGE for any kind of consumer (Java `PullAPIWrapper`).
 *
 * It picks the address to pull from — the broker id the previous answer for that queue
 * suggested (the master at first), refreshing the topic's route once when the broker is
 * unknown — clears COMMIT_OFFSET when that is a slave, sends the request, and turns the
 * answer into a PullResult (records decoded, re-filtered by tag, MIN/MAX_OFFSET set).
 * The suggested ids are kept per queue, at most ClientLimits.maxOffsetQueues of them.
 */
import { messageQueueKey, type MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import { pullMessage } from '../api/pull-api.js';
import type { ClientInstance } from '../client-instance.js';
import { ClientLimits } from '../client-limits.js';
import { ClientErrorCode, MQClientError } from '../errors.js';
import { MASTER_ID, type FoundBroker } from '../route/broker-address-table.js';
import { clearCommitOffsetFlag } from '../../protocol/pull-sys-flag.js';
import { pullResultOfAnswer, type PullResult } from './pull-result.js';

export interface PullKernelRequest {
  mq: MessageQueue;
  subscription: SubscriptionData;
  /** Sent as the request's subscription (with sysFlag SUBSCRIPTION); absent for push consumers by default. */
  postedExpression: string | undefined;
  offset: number;
  maxNums: number;
  sysFlag: number;
  commitOffset: number;
  /** How long the broker may hold the pull (suspendTimeoutMillis). */
  brokerSuspendMaxTimeMillis: number;
  /** The client's timeout of the request. */
  timeoutMs: number;
}

export class PullAPIWrapper {
  private readonly pullFromWhichNode = new Map<string, number>();

  constructor(
    private readonly instance: ClientInstance,
    private readonly group: string,
  ) {}

  async pullKernel(request: PullKernelRequest): Promise<PullResult> {
    const { mq, subscription } = request;
    const broker = await this.pullBroker(mq);
    const header = {
      consumerGroup: this.group,
      topic: mq.topic,
      queueId: mq.queueId,
      queueOffset: request.offset,
      maxMsgNums: request.maxNums,
      sysFlag: broker.slave ? clearCommitOffsetFlag(request.sysFlag) : request.sysFlag,
      commitOffset: request.commitOffset,
      suspendTimeoutMillis: request.brokerSuspendMaxTimeMillis,
      ...(request.postedExpression === undefined ? {} : { subscription: request.postedExpression }),
      subVersion: subscription.subVersion,
      expressionType: subscription.expressionType,
      bname: mq.brokerName,
    };
    const answer = await pullMessage(this.instance.remoting, broker.address, header, request.timeoutMs);
    const result = pullResultOfAnswer(answer, mq, subscription);
    this.rememberSuggestedBroker(mq, result.suggestWhichBrokerId);
    return result;
  }

  /** The broker to pull `mq` from: the suggested id, else any of that broker. */
  private async pullBroker(mq: MessageQueue): Promise<FoundBroker> {
    const brokerId = this.pullFromWhichNode.get(messageQueueKey(mq)) ?? MASTER_ID;
    let found = this.instance.findBrokerAddressInSubscribe(mq.brokerName, brokerId, false);
    if (found === undefined) {
      await this.instance.updateTopicRoute(mq.topic);
      found = this.instance.findBrokerAddressInSubscribe(mq.brokerName, brokerId, false);
    }
    if (found === undefined) {
      throw new MQClientError('CLIENT_BROKER_NOT_FOUND', `the broker [${mq.brokerName}] does not exist`, { responseCode: ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION });
    }
    return found;
  }

  private rememberSuggestedBroker(mq: MessageQueue, brokerId: number): void {
    const key = messageQueueKey(mq);
    if (!this.pullFromWhichNode.has(key) && this.pullFromWhichNode.size >= ClientLimits.maxOffsetQueues) return;
    this.pullFromWhichNode.set(key, brokerId);
  }
}
