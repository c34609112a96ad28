/**
 * Where a client end-to-end test file runs: an embedded name server and broker, or
 * `mqnamesrv` and `mqbroker` child processes (both with delay levels of 10 ms … 180 ms), or
 * the running cluster that the environment variable ROCKETMQ_TS_TEST_NAMESRV names, for
 * instance an Apache RocketMQ 4.9 name server and broker, to check the client against the
 * Java servers:
 *
 *   ROCKETMQ_TS_TEST_NAMESRV=127.0.0.1:9876 npx vitest run test/client/modes.test.ts
 *
 * Against a running cluster each topic name gets a suffix unique to the run (so that offsets
 * start at 0 however often the suite ran before), topics are created on every master of
 * the first cluster the name server lists, and `shortDelay` is delay level 1 at RocketMQ's
 * default of 1 s.
 */
import { MQAdmin } from '../../../src/client/admin/mq-admin.js';
import { FAST_DELAY_LEVELS, startEmbeddedCluster, type CreateTopicOptions, type EmbeddedCluster } from '../../../src/testing/index.js';
import { temporaryDirectory } from '../../namesrv/support/namesrv-process.js';
import { ProcessCluster } from '../../support/process-cluster.js';
import { eventually } from './cluster.js';

export interface ClientTestTarget {
  readonly namesrvAddr: string;
  /** A temporary directory for the test's local files. */
  readonly dir: string;
  /** Creates the topic `name` stands for and waits until the name server routes it. */
  createTopic(name: string, options: CreateTopicOptions): Promise<string>;
  /** A delay level the target's broker has, and the delay it stands for. */
  readonly shortDelay: { readonly level: number; readonly ms: number };
  stop(): Promise<void>;
}

export const EXTERNAL_NAMESRV_VARIABLE = 'ROCKETMQ_TS_TEST_NAMESRV';

/** Delay level 10 of FAST_DELAY_LEVELS. */
const FAST_SHORT_DELAY = { level: 10, ms: 100 };

/**
 * The cluster ROCKETMQ_TS_TEST_NAMESRV names, or else one with fast delay levels: embedded
 * in this process, or `processes` (mqnamesrv and mqbroker child processes).
 */
export async function startClientTestTarget(kind: 'embedded' | 'processes' = 'embedded'): Promise<ClientTestTarget> {
  const external = process.env[EXTERNAL_NAMESRV_VARIABLE];
  if (external !== undefined && external !== '') {
    const { dir, remove } = temporaryDirectory('rocketmq-ts-target-');
    return openAdminTarget(external, { topicSuffix: `_${Date.now().toString(36)}`, shortDelay: { level: 1, ms: 1000 }, dir, close: async () => remove() });
  }
  if (kind === 'processes') {
    const cluster = await ProcessCluster.start({ messageDelayLevel: FAST_DELAY_LEVELS });
    await cluster.startBroker('broker-a');
    return openAdminTarget(cluster.namesrvAddr, { topicSuffix: '', shortDelay: FAST_SHORT_DELAY, dir: cluster.dir, close: () => cluster.stop() });
  }
  return embeddedTarget(await startEmbeddedCluster({ fastDelayLevels: true }));
}

function embeddedTarget(cluster: EmbeddedCluster): ClientTestTarget {
  return {
    namesrvAddr: cluster.namesrvAddr,
    dir: cluster.dir,
    createTopic: async (name, options) => {
      await cluster.createTopic(name, options);
      return name;
    },
    shortDelay: FAST_SHORT_DELAY,
    stop: () => cluster.stop(),
  };
}

interface AdminTargetSettings {
  topicSuffix: string;
  shortDelay: ClientTestTarget['shortDelay'];
  dir: string;
  close: () => Promise<void>;
}

/** A running cluster whose topics an admin creates on every master of its first cluster. */
async function openAdminTarget(namesrvAddr: string, settings: AdminTargetSettings): Promise<ClientTestTarget> {
  const admin = new MQAdmin({ namesrvAddr });
  await admin.start();
  let clusterName: string | undefined;
  await eventually(async () => {
    [clusterName] = (await admin.examineBrokerClusterInfo()).clusterAddrTable.keys();
    return clusterName !== undefined;
  }).catch(() => undefined);
  if (clusterName === undefined) {
    await admin.shutdown();
    throw new Error(`the name server at ${namesrvAddr} knows no cluster; start a broker first`);
  }
  const cluster = clusterName;
  return {
    namesrvAddr,
    dir: settings.dir,
    createTopic: async (name, options) => {
      const topic = `${name}${settings.topicSuffix}`;
      const queueNums = options.queueNums ?? 8;
      await admin.createTopic(cluster, { topic, readQueueNums: queueNums, writeQueueNums: queueNums, perm: options.perm ?? 6, order: options.order ?? false });
      await eventually(async () => {
        const route = await admin.examineTopicRouteInfo(topic).catch(() => null);
        return route !== null && route.queueDatas.length > 0 && route.queueDatas.every((data) => data.readQueueNums === queueNums);
      });
      return topic;
    },
    shortDelay: settings.shortDelay,
    stop: async () => {
      await admin.shutdown();
      await settings.close();
    },
  };
}
