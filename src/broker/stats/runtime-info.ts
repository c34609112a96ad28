/**
 * The key/value table of GET_BROKER_RUNTIME_INFO, with the keys a 4.9.8 broker answers
 * (those `mqadmin brokerStatus` prints). Values this broker measures are real: message
 * counts and rates, put sizes, latencies and failures, commit-log offsets, flush and
 * dispatch backlogs, disk usage and capacity, boot time and run time, the earliest stored
 * message and the schedule queues' progress. Java-only values (thread-pool queues, page
 * cache lock, transient store pool) are the idle values a 4.9.8 broker reports.
 */
import { statfs } from 'node:fs/promises';
import { MQ_VERSION } from '../../common/constants.js';
import type { BrokerContext } from '../broker-context.js';
import { SystemTopic } from '../topic/topic-validator.js';

/** RocketMQ's MixAll.humanReadableByteCount(bytes, si = false): `512 B`, `1.5 KiB`, `78.4 GiB`. */
export function humanReadableBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const exponent = Math.min(6, Math.floor(Math.log(bytes) / Math.log(1024)));
  return `${(bytes / 1024 ** exponent).toFixed(1)} ${'KMGTPE'.charAt(exponent - 1)}iB`;
}

/** `[ 0 days, 0 hours, 0 minutes, 51 seconds ]`, as RocketMQ prints a broker's run time. */
export function runtimeText(elapsedMs: number): string {
  const seconds = Math.floor(elapsedMs / 1000);
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  return `[ ${days} days, ${hours} hours, ${minutes} minutes, ${seconds % 60} seconds ]`;
}

async function diskCapacity(path: string): Promise<string | null> {
  try {
    const stats = await statfs(path);
    return `Total : ${humanReadableBytes(stats.blocks * stats.bsize)}, Free : ${humanReadableBytes(stats.bavail * stats.bsize)}.`;
  } catch {
    return null;
  }
}

async function earliestMessageTime(context: BrokerContext): Promise<number> {
  const record = await context.store.lookMessageByOffset(context.store.stats().commitLogMinOffset);
  return record ? record.storeTimestamp : -1;
}

/** `scheduleMessageOffset_<level>` = `<delivered offset>,<max offset>` for each delay queue holding messages. */
function scheduleOffsets(context: BrokerContext, deliveredOffsets: ReadonlyMap<number, number>): [string, string][] {
  return context.store.queuesOf(SystemTopic.SCHEDULE).map((queueId) => {
    const level = queueId + 1;
    const max = context.store.getMaxOffsetInQueue(SystemTopic.SCHEDULE, queueId);
    return [`scheduleMessageOffset_${level}`, `${deliveredOffsets.get(level) ?? 0},${max}`];
  });
}

function storeEntries(context: BrokerContext): [string, string][] {
  const store = context.store.stats();
  const diskRatio = store.diskUsedRatio.toFixed(2);
  const commitLogDir = context.config.storePathCommitLog || `${context.config.storePathRootDir}/commitlog`;
  return [
    ['commitLogMinOffset', String(store.commitLogMinOffset)],
    ['commitLogMaxOffset', String(store.commitLogMaxOffset)],
    ['dispatchBehindBytes', String(store.dispatchBehindBytes)],
    ['remainHowManyDataToFlush', humanReadableBytes(store.unflushedBytes)],
    ['commitLogDiskRatio', diskRatio],
    [`commitLogDiskRatio_${commitLogDir}`, diskRatio],
    ['consumeQueueDiskRatio', diskRatio],
  ];
}

function statsEntries(context: BrokerContext): [string, string][] {
  const stats = context.stats.snapshot();
  const average = stats.putMessageTimesTotal > 0 ? stats.putMessageSizeTotal / stats.putMessageTimesTotal : 0;
  return [
    ['msgPutTotalTodayNow', String(stats.msgPutTotalTodayNow)],
    ['msgPutTotalTodayMorning', String(stats.msgPutTotalTodayMorning)],
    ['msgPutTotalYesterdayMorning', String(stats.msgPutTotalYesterdayMorning)],
    ['msgGetTotalTodayNow', String(stats.msgGetTotalTodayNow)],
    ['msgGetTotalTodayMorning', String(stats.msgGetTotalTodayMorning)],
    ['msgGetTotalYesterdayMorning', String(stats.msgGetTotalYesterdayMorning)],
    ['putMessageTimesTotal', String(stats.putMessageTimesTotal)],
    ['putMessageSizeTotal', String(stats.putMessageSizeTotal)],
    ['putMessageAverageSize', average.toFixed(1)],
    ['putMessageFailedTimes', String(stats.putMessageFailedTimes)],
    ['putMessageEntireTimeMax', String(stats.putMessageEntireTimeMax)],
    ['putLatency99', stats.putLatency99.toFixed(2)],
    ['putLatency999', stats.putLatency999.toFixed(2)],
    ['putTps', context.stats.putTps()],
    ['getTotalTps', context.stats.getTps()],
    ['getFoundTps', context.stats.getTps()],
    ['getMissTps', '0.0  '],
    ['getTransferedTps', context.stats.getTps()],
  ];
}

/** Values of a 4.9.8 broker's thread pools and Java-only store parts, idle. */
const IDLE_JAVA_ENTRIES: readonly [string, string][] = [
  ['sendThreadPoolQueueSize', '0'],
  ['sendThreadPoolQueueCapacity', '10000'],
  ['sendThreadPoolQueueHeadWaitTimeMills', '0'],
  ['pullThreadPoolQueueSize', '0'],
  ['pullThreadPoolQueueCapacity', '100000'],
  ['pullThreadPoolQueueHeadWaitTimeMills', '0'],
  ['queryThreadPoolQueueSize', '0'],
  ['queryThreadPoolQueueCapacity', '20000'],
  ['queryThreadPoolQueueHeadWaitTimeMills', '0'],
  ['EndTransactionQueueSize', '0'],
  ['EndTransactionThreadPoolQueueCapacity', '100000'],
  ['pageCacheLockTimeMills', '0'],
  ['remainTransientStoreBufferNumbs', '2147483647'],
  ['dispatchMaxBuffer', '0'],
  ['getMessageEntireTimeMax', '0'],
  ['putMessageDistributeTime', 'null'],
];

export async function brokerRuntimeInfo(context: BrokerContext, deliveredOffsets: ReadonlyMap<number, number> = new Map()): Promise<Map<string, string>> {
  const info = new Map<string, string>([
    ['brokerVersionDesc', 'V4_9_8'],
    ['brokerVersion', String(MQ_VERSION)],
    ['bootTimestamp', String(context.stats.bootTimestamp)],
    ['runtime', runtimeText(Date.now() - context.stats.bootTimestamp)],
    ['startAcceptSendRequestTimeStamp', String(context.config.startAcceptSendRequestTimeStamp)],
    ['earliestMessageTimeStamp', String(await earliestMessageTime(context))],
    ...statsEntries(context),
    ...storeEntries(context),
    ...scheduleOffsets(context, deliveredOffsets),
    ...IDLE_JAVA_ENTRIES,
  ]);
  const capacity = await diskCapacity(context.config.storePathRootDir);
  if (capacity !== null) info.set('commitLogDirCapacity', capacity);
  return info;
}
