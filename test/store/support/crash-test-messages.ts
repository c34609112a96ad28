/** The messages and settings shared by the crash test and its writer process. */
import type { MessageToStore } from '../../../src/store/message-store.js';
import type { MessageStoreConfig } from '../../../src/store/store-config.js';

export const CRASH_TEST_TOPIC = 'CrashTopic';
export const CRASH_TEST_QUEUES = 4;

export function crashTestStoreConfig(dir: string): Partial<MessageStoreConfig> {
  return {
    storePathRootDir: dir,
    flushDiskType: 'SYNC_FLUSH',
    mappedFileSizeCommitLog: 256 * 1024,
    mappedFileSizeConsumeQueue: 300 * 20,
    maxHashSlotNum: 1000,
    maxIndexNum: 4000,
  };
}

/** Message `n` of run `run`: its body and key say which it is, its size varies with n. */
export function crashTestMessage(run: string, n: number): MessageToStore {
  return {
    topic: CRASH_TEST_TOPIC,
    queueId: n % CRASH_TEST_QUEUES,
    flag: 0,
    body: Buffer.from(crashTestBody(run, n)),
    properties: { KEYS: `crash-${run}-${n}`, TAGS: `Tag${n % 3}` },
    sysFlag: 0,
    bornTimestamp: Date.now(),
    bornHost: { host: '127.0.0.1', port: 40000 },
    storeHost: { host: '127.0.0.1', port: 10911 },
    reconsumeTimes: 0,
    preparedTransactionOffset: 0,
  };
}

export function crashTestBody(run: string, n: number): string {
  return `run ${run} message ${n} `.padEnd(40 + ((n * 37) % 700), '.');
}
