/**
 * MQFaultStrategy: which queue a send goes to (Java `MQFaultStrategy`).
 *
 * Without `sendLatencyFaultEnable` (the default): round robin over the topic's queues,
 * avoiding the broker of the previous failed attempt. With it: round robin over the queues
 * whose broker is available; if none is, a queue of the "least bad" broker.
 *
 * After each attempt the producer reports the broker's latency. A broker is then avoided
 * for the duration that goes with the highest `latencyMax` step the latency reached:
 *
 *   latencyMax           50   100   550    1000   2000    3000    15000  ms
 *   notAvailableDuration  0     0    30000  60000  120000  180000  600000 ms
 *
 * A failed attempt ("isolation") counts as 30000 ms of latency, which reaches the 15000
 * step: its broker is avoided for 600 s (unless a later attempt there succeeds, which
 * replaces the item). Time comes from the injected clock.
 */
import type { MessageQueue } from '../../../protocol/bodies/message-queue.js';
import type { TopicPublishInfo } from '../../route/topic-publish-info.js';
import { LatencyFaultTolerance } from './latency-fault-tolerance.js';

export const DEFAULT_LATENCY_MAX: readonly number[] = [50, 100, 550, 1000, 2000, 3000, 15000];
export const DEFAULT_NOT_AVAILABLE_DURATION: readonly number[] = [0, 0, 30000, 60000, 120000, 180000, 600000];
/** Latency a failed attempt counts as. */
export const ISOLATION_LATENCY_MS = 30_000;

export interface FaultStrategyOptions {
  sendLatencyFaultEnable?: boolean;
  latencyMax?: readonly number[];
  notAvailableDuration?: readonly number[];
  clock?: () => number;
  tolerance?: LatencyFaultTolerance;
}

export class MQFaultStrategy {
  readonly sendLatencyFaultEnable: boolean;
  readonly latencyMax: readonly number[];
  readonly notAvailableDuration: readonly number[];
  readonly tolerance: LatencyFaultTolerance;

  constructor(options: FaultStrategyOptions = {}) {
    this.sendLatencyFaultEnable = options.sendLatencyFaultEnable ?? false;
    this.latencyMax = options.latencyMax ?? DEFAULT_LATENCY_MAX;
    this.notAvailableDuration = options.notAvailableDuration ?? DEFAULT_NOT_AVAILABLE_DURATION;
    this.tolerance = options.tolerance ?? new LatencyFaultTolerance(options.clock ?? Date.now);
  }

  selectOneMessageQueue(info: TopicPublishInfo, lastBrokerName?: string): MessageQueue {
    if (!this.sendLatencyFaultEnable) return info.selectOneMessageQueue(lastBrokerName);
    const queues = info.messageQueues;
    let index = info.sendWhichQueue.next();
    for (let i = 0; i < queues.length; i++) {
      const queue = info.queueAt(index & 0x7fffffff);
      index = (index + 1) | 0;
      if (this.tolerance.isAvailable(queue.brokerName)) return queue;
    }
    const notBestBroker = this.tolerance.pickOneAtLeast();
    if (notBestBroker !== undefined) {
      const writeQueueNums = info.writeQueueNumsOf(notBestBroker);
      if (writeQueueNums > 0) {
        const queue = info.selectOneMessageQueue();
        return { topic: queue.topic, brokerName: notBestBroker, queueId: info.sendWhichQueue.next() % writeQueueNums };
      }
      this.tolerance.remove(notBestBroker);
    }
    return info.selectOneMessageQueue();
  }

  /** Records an attempt's latency; `isolation` marks a failed attempt. */
  updateFaultItem(brokerName: string, currentLatency: number, isolation: boolean): void {
    if (!this.sendLatencyFaultEnable) return;
    const duration = this.computeNotAvailableDuration(isolation ? ISOLATION_LATENCY_MS : currentLatency);
    this.tolerance.updateFaultItem(brokerName, currentLatency, duration);
  }

  computeNotAvailableDuration(currentLatency: number): number {
    for (let i = this.latencyMax.length - 1; i >= 0; i--) {
      if (currentLatency >= (this.latencyMax[i] as number)) return this.notAvailableDuration[i] ?? 0;
    }
    return 0;
  }
}
