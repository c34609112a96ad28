/**
 * BrokerStatsItems: the named statistics of RocketMQ 4.9.8's BrokerStatsManager that this
 * broker keeps (stats-item.ts for how each rolls), looked up by VIEW_BROKER_STATS_DATA
 * with a stats name and key:
 *
 *   name             key             counts (value, times)
 *   TOPIC_PUT_NUMS   topic           messages stored by a send (batch: its size, 1)
 *   TOPIC_PUT_SIZE   topic           bytes stored by a send (bytes, 1)
 *   BROKER_PUT_NUMS  cluster name    messages stored by sends (times not counted)
 *   GROUP_GET_NUMS   topic@group     messages a pull found (count, 1)
 *   GROUP_GET_SIZE   topic@group     bytes a pull found (bytes, 1)
 *   BROKER_GET_NUMS  cluster name    messages pulls found (times not counted)
 *   SNDBCK_PUT_NUMS  topic@group     messages a consumer sent back (1, 1); the topic is the
 *                                    message's original one (RETRY_TOPIC when set)
 *
 * Java's other sets (queue-level, from-disk, latency, commercial) are not kept: their
 * names answer as absent items do.
 */
import { StatsItemSet, type StatsItem, type StatsWindow } from './stats-item.js';

export const StatsName = {
  TOPIC_PUT_NUMS: 'TOPIC_PUT_NUMS',
  TOPIC_PUT_SIZE: 'TOPIC_PUT_SIZE',
  BROKER_PUT_NUMS: 'BROKER_PUT_NUMS',
  GROUP_GET_NUMS: 'GROUP_GET_NUMS',
  GROUP_GET_SIZE: 'GROUP_GET_SIZE',
  BROKER_GET_NUMS: 'BROKER_GET_NUMS',
  SNDBCK_PUT_NUMS: 'SNDBCK_PUT_NUMS',
} as const;
export type StatsName = (typeof StatsName)[keyof typeof StatsName];

export class BrokerStatsItems {
  private readonly sets = new Map<string, StatsItemSet>(Object.values(StatsName).map((name) => [name, new StatsItemSet()]));

  constructor(private readonly clusterName: () => string) {}

  /** The item of a stats name and key, or undefined when either is unknown (Java getStatsItem). */
  getStatsItem(statsName: string, statsKey: string): StatsItem | undefined {
    return this.sets.get(statsName)?.get(statsKey);
  }

  /** A send stored `messages` messages of `bytes` bytes in `topic`. */
  recordPut(topic: string, messages: number, bytes: number): void {
    this.recordTopicPut(topic, messages, bytes);
    this.set(StatsName.BROKER_PUT_NUMS).add(this.clusterName(), messages, 0);
  }

  /** The topic counters alone (a send-back delayed into SCHEDULE_TOPIC_XXXX counts there, as in Java). */
  recordTopicPut(topic: string, messages: number, bytes: number): void {
    this.set(StatsName.TOPIC_PUT_NUMS).add(topic, messages, 1);
    this.set(StatsName.TOPIC_PUT_SIZE).add(topic, bytes, 1);
  }

  /** A pull of `group` found `messages` messages of `bytes` bytes in `topic`. */
  recordGet(group: string, topic: string, messages: number, bytes: number): void {
    const key = `${topic}@${group}`;
    this.set(StatsName.GROUP_GET_NUMS).add(key, messages, 1);
    this.set(StatsName.GROUP_GET_SIZE).add(key, bytes, 1);
    this.set(StatsName.BROKER_GET_NUMS).add(this.clusterName(), messages, 0);
  }

  /** `group` sent back a message of `topic`. */
  recordSendBack(group: string, topic: string): void {
    this.set(StatsName.SNDBCK_PUT_NUMS).add(`${topic}@${group}`, 1, 1);
  }

  /** Takes a snapshot of every item for one window (the broker calls this on each window's period). */
  sample(window: StatsWindow, now: number = Date.now()): void {
    for (const set of this.sets.values()) set.sample(window, now);
  }

  private set(name: StatsName): StatsItemSet {
    return this.sets.get(name) as StatsItemSet;
  }
}
