/**
 * A name server and brokers as real `mqnamesrv` / `mqbroker` child processes, for tests
 * that must run against the commands a user runs: each in a temporary directory (removed by
 * `stop`), the name server on an ephemeral port, each broker with its own store and a
 * 4 MiB commit-log file size, plus any settings the test gives.
 */
import { join } from 'node:path';
import { BrokerProcess } from '../e2e/support/broker-process.js';
import { NamesrvProcess, temporaryDirectory } from '../namesrv/support/namesrv-process.js';
import type { Settings } from './cli-process.js';

export class ProcessCluster {
  private readonly brokers: BrokerProcess[] = [];

  private constructor(
    readonly dir: string,
    private readonly removeDir: () => void,
    readonly namesrv: NamesrvProcess,
    private readonly brokerDefaults: Settings,
  ) {}

  get namesrvAddr(): string {
    return this.namesrv.address;
  }

  /** Starts a name server; `brokerDefaults` go to every broker this cluster starts. */
  static async start(brokerDefaults: Settings = {}): Promise<ProcessCluster> {
    const { dir, remove } = temporaryDirectory('rocketmq-ts-processes-');
    try {
      const namesrv = await NamesrvProcess.start(join(dir, 'namesrv.conf'), { listenPort: 0, kvConfigPath: join(dir, 'namesrv', 'kv.json') });
      return new ProcessCluster(dir, remove, namesrv, brokerDefaults);
    } catch (error) {
      remove();
      throw error;
    }
  }

  /** Starts broker `brokerName` (again, on its old port and store, when `port` is given). */
  async startBroker(brokerName: string, port = 0, settings: Settings = {}): Promise<BrokerProcess> {
    const broker = await BrokerProcess.start(join(this.dir, `${brokerName}.conf`), {
      brokerName,
      listenPort: port,
      storePathRootDir: join(this.dir, brokerName),
      mappedFileSizeCommitLog: 4 * 1024 * 1024,
      ...this.brokerDefaults,
      ...settings,
    }, this.namesrvAddr);
    this.brokers.push(broker);
    return broker;
  }

  /** Kills whatever still runs (SIGKILL: nothing is left to flush) and removes the directory. */
  async stop(): Promise<void> {
    for (const broker of this.brokers.splice(0).reverse()) await broker.kill();
    await this.namesrv.stop();
    this.removeDir();
  }
}
