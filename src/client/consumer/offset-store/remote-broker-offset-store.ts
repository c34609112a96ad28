/**
 * RemoteBrokerOffsetStore: offsets of a CLUSTERING consumer group, kept by the brokers
 * (Java `RemoteBrokerOffsetStore`). Reads from the store ask the master of the queue's
 * broker (QUERY_CONSUMER_OFFSET; none stored → -1, broker unreachable → -2); persisting
 * sends UPDATE_CONSUMER_OFFSET oneway for each queue, and forgets the queues of the table
 * that are no longer assigned.
 */
import { messageQueueKey, type MessageQueue, type MessageQueueKey } from '../../../protocol/bodies/message-queue.js';
import { queryConsumerOffset, updateConsumerOffset } from '../../api/offset-api.js';
import type { ClientInstance } from '../../client-instance.js';
import { ClientErrorCode, MQBrokerError, MQClientError } from '../../errors.js';
import { MASTER_ID } from '../../route/broker-address-table.js';
import type { OffsetStore, ReadOffsetType } from './offset-store.js';
import { OffsetTable } from './offset-table.js';

export class RemoteBrokerOffsetStore implements OffsetStore {
  private readonly table = new OffsetTable();

  constructor(
    private readonly instance: ClientInstance,
    readonly group: string,
  ) {}

  async load(): Promise<void> {}

  updateOffset(mq: MessageQueue, offset: number, increaseOnly: boolean): void {
    this.table.update(mq, offset, increaseOnly);
  }

  readOffset(mq: MessageQueue, type: ReadOffsetType): Promise<number> {
    return this.table.read(mq, type, async () => {
      try {
        return await this.fetchConsumeOffsetFromBroker(mq);
      } catch (error) {
        return error instanceof MQBrokerError ? null : -2;
      }
    });
  }

  async persistAll(mqs: readonly MessageQueue[]): Promise<void> {
    if (mqs.length === 0) return;
    const assigned = new Set(mqs.map(messageQueueKey));
    for (const { key, mq, offset } of this.table.entries()) {
      if (assigned.has(key)) await this.updateConsumeOffsetToBroker(mq, offset, true);
      else this.table.remove(mq);
    }
  }

  async persist(mq: MessageQueue): Promise<void> {
    const offset = this.table.get(mq);
    if (offset !== undefined) await this.updateConsumeOffsetToBroker(mq, offset, true);
  }

  removeOffset(mq: MessageQueue): void {
    this.table.remove(mq);
  }

  cloneOffsetTable(topic?: string): Map<MessageQueueKey, number> {
    return this.table.clone(topic);
  }

  /** Stores an offset on the master of the queue's broker. */
  async updateConsumeOffsetToBroker(mq: MessageQueue, offset: number, oneway: boolean): Promise<void> {
    await updateConsumerOffset(this.instance.remoting, await this.masterOf(mq), this.group, mq, offset, oneway);
  }

  /** The offset the broker holds for the group, or null when it holds none. */
  async fetchConsumeOffsetFromBroker(mq: MessageQueue): Promise<number | null> {
    return queryConsumerOffset(this.instance.remoting, await this.masterOf(mq), this.group, mq);
  }

  private async masterOf(mq: MessageQueue): Promise<string> {
    let found = this.instance.findBrokerAddressInSubscribe(mq.brokerName, MASTER_ID, true);
    if (found === undefined) {
      await this.instance.updateTopicRoute(mq.topic);
      found = this.instance.findBrokerAddressInSubscribe(mq.brokerName, MASTER_ID, true);
    }
    if (found === undefined) {
      throw new MQClientError('CLIENT_BROKER_NOT_FOUND', `the broker [${mq.brokerName}] does not exist`, { responseCode: ClientErrorCode.BROKER_NOT_EXIST_EXCEPTION });
    }
    return found.address;
  }
}
