/**
 * The broker's periodic work while it runs (RocketMQ ClientHousekeepingService and the
 * BrokerController scheduled tasks):
 *
 *   every 10 s                          producer and consumer channels silent for 120 s are
 *                                       dropped and their connections closed; expired queue
 *                                       locks are forgotten
 *   every 1 s                           a sample of the put / get counters (rates)
 *   every 10 s, 10 min, 1 h             a snapshot of the stats items for their minute,
 *                                       hour and day figures (stats/stats-item.ts)
 *   every flushConsumerOffsetInterval   consumerOffset.json is written if offsets moved
 *
 * The timers are unref'd; `stopHousekeeping` clears them.
 */
import type { BrokerContext } from './broker-context.js';
import { samplingPeriodMs, type StatsWindow } from './stats/stats-item.js';
import { CHANNEL_SCAN_INTERVAL_MS, type ChannelRef, type ClientChannelInfo } from './consumer/client-channel.js';

const STATS_SAMPLE_INTERVAL_MS = 1000;

export function startHousekeeping(context: BrokerContext): NodeJS.Timeout[] {
  return [
    setInterval(() => scanChannels(context), CHANNEL_SCAN_INTERVAL_MS).unref(),
    setInterval(() => context.stats.sample(), STATS_SAMPLE_INTERVAL_MS).unref(),
    ...(['minute', 'hour', 'day'] as const).map((window: StatsWindow) => setInterval(() => context.stats.items.sample(window), samplingPeriodMs(window)).unref()),
    setInterval(() => persistOffsets(context), context.config.flushConsumerOffsetInterval).unref(),
  ];
}

export function stopHousekeeping(timers: readonly NodeJS.Timeout[]): void {
  for (const timer of timers) clearInterval(timer);
}

/** Drops channels silent for 120 s and closes their connections. */
export function scanChannels(context: BrokerContext, now: number = Date.now()): void {
  for (const { group, info } of context.producers.scanExpired(now)) closeExpired(context, 'producer', group, info);
  for (const { group, info } of context.consumers.scanExpired(now)) closeExpired(context, 'consumer', group, info);
  context.rebalanceLocks.removeExpired(now);
}

function closeExpired(context: BrokerContext, kind: string, group: string, info: ClientChannelInfo<ChannelRef & { close(): void }>): void {
  context.logger.warn({ group, client: info.clientId, remote: info.connection.remoteAddress }, `${kind} channel expired: no heartbeat for 120 s`);
  info.connection.close();
}

function persistOffsets(context: BrokerContext): void {
  context.consumerOffsets.persist().catch((error: unknown) => {
    context.logger.error({ err: (error as Error).message, path: context.consumerOffsets.path }, 'cannot persist consumer offsets');
  });
}
