/**
 * Where a client end-to-end test file runs: an embedded name server and broker (the
 * default, with delay levels of 10 ms … 180 ms), or the running cluster that the
 * environment variable ROCKETMQ_TS_TEST_NAMESRV names, for instance an Apache RocketMQ 4.9
 * name server and broker, to check the client against the Java servers:
 *
 *   ROCKETMQ_TS_TEST_NAMESRV=127.0.0.1:9876 npx vitest run test/client/modes.test.ts
 *
 * Against a running cluster each topic name gets a suffix unique to the run (so that offsets
 * start at 0 however often the suite ran before), topics are created on every master of
 * the first cluster the name server lists, and `shortDelay` is delay level 1 at RocketMQ's
 * default of 1 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MQAdmin } from '../../../src/client/admin/mq-admin.js';
import { startEmbeddedCluster, type CreateTopicOptions, type EmbeddedCluster, type EmbeddedClusterOptions } from '../../../src/testing/index.js';
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

/** The cluster ROCKETMQ_TS_TEST_NAMESRV names, or an embedded one with fast delay levels. */
export async function startClientTestTarget(embedded: EmbeddedClusterOptions = {}): Promise<ClientTestTarget> {
  const external = process.env[EXTERNAL_NAMESRV_VARIABLE];
  if (external !== undefined && external !== '') return openExternalTarget(external);
  return embeddedTarget(await startEmbeddedCluster({ fastDelayLevels: true, ...embedded }));
}

function embeddedTarget(cluster: EmbeddedCluster): ClientTestTarget {
  return {
    namesrvAddr: cluster.namesrvAddr,
    dir: cluster.dir,
    createTopic: async (name, options) => {
      await cluster.createTopic(name, options);
      return name;
    },
    shortDelay: { level: 10, ms: 100 },
    stop: () => cluster.stop(),
  };
}

async function openExternalTarget(namesrvAddr: string): Promise<ClientTestTarget> {
  const admin = new MQAdmin({ namesrvAddr });
  await admin.start();
  const [clusterName] = (await admin.examineBrokerClusterInfo()).clusterAddrTable.keys();
  if (clusterName === undefined) throw new Error(`the name server at ${namesrvAddr} knows no cluster; start a broker first`);
  const runSuffix = `_${Date.now().toString(36)}`;
  const dir = mkdtempSync(join(tmpdir(), 'rocketmq-ts-target-'));
  return {
    namesrvAddr,
    dir,
    createTopic: async (name, options) => {
      const topic = `${name}${runSuffix}`;
      const queueNums = options.queueNums ?? 8;
      await admin.createTopic(clusterName, { topic, readQueueNums: queueNums, writeQueueNums: queueNums, perm: options.perm ?? 6, order: options.order ?? false });
      await eventually(async () => {
        const route = await admin.examineTopicRouteInfo(topic).catch(() => null);
        return route !== null && route.queueDatas.length > 0 && route.queueDatas.every((data) => data.readQueueNums === queueNums);
      });
      return topic;
    },
    shortDelay: { level: 1, ms: 1000 },
    stop: async () => {
      await admin.shutdown();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
