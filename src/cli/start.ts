/**
 * `npm start`: runs the servers of a small local RocketMQ in this one process, with their
 * data under ./data, until Ctrl-C:
 *
 *   name server   127.0.0.1:9876                       data/namesrv/kvConfig.json
 *   broker        127.0.0.1:10911 (VIP channel 10909)  data/store (commit log, queues, index, config)
 *
 * Each server is one entry of `services`. Servers start in order (the broker registers
 * with the name server) and stop in reverse order (the broker unregisters, then its store
 * stops cleanly).
 */
import { join, relative, resolve } from 'node:path';
import { Broker } from '../broker/broker.js';
import { createLogger } from '../common/log.js';
import { NameServer } from '../namesrv/namesrv.js';
import { stopOnSignal } from './stop-on-signal.js';
import { tuneGarbageCollector } from './gc-tuning.js';

interface Service {
  name: string;
  /** Starts the service; resolves with a line saying where it listens. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

const NAME_SERVER_ADDRESS = '127.0.0.1:9876';
const dataDir = resolve('data');
const shown = (path: string): string => relative(process.cwd(), path) || '.';

function nameServerService(): Service {
  const server = new NameServer({ logger: createLogger('namesrv') });
  const dir = join(dataDir, 'namesrv');
  return {
    name: 'name server',
    async start() {
      await server.start({
        bindAddress: '127.0.0.1',
        listenPort: 9876,
        kvConfigPath: join(dir, 'kvConfig.json'),
        configStorePath: join(dir, 'namesrv.properties'),
      });
      return `name server listening on ${server.address} (data in ${shown(dir)})`;
    },
    stop: () => server.shutdown(),
  };
}

function brokerService(): Service {
  const broker = new Broker({ logger: createLogger('broker') });
  const dir = join(dataDir, 'store');
  return {
    name: 'broker',
    async start() {
      await broker.start({
        brokerName: 'broker-a',
        bindAddress: '127.0.0.1',
        listenPort: 10911,
        namesrvAddr: NAME_SERVER_ADDRESS,
        storePathRootDir: dir,
      });
      return `broker broker-a listening on ${broker.address} (VIP channel ${broker.vipPort}), registered with ${NAME_SERVER_ADDRESS} (data in ${shown(dir)})`;
    },
    stop: () => broker.shutdown(),
  };
}

const services: Service[] = [nameServerService(), brokerService()];

async function stopAll(started: readonly Service[]): Promise<void> {
  for (const service of [...started].reverse()) await service.stop();
  console.log('stopped');
}

async function main(): Promise<void> {
  tuneGarbageCollector();
  const started: Service[] = [];
  for (const service of services) {
    try {
      console.log(await service.start());
      started.push(service);
    } catch (error) {
      console.error(`the ${service.name} failed to start: ${(error as Error).message}`);
      await stopAll(started);
      process.exit(1);
    }
  }
  console.log('Press Ctrl-C to stop.');
  stopOnSignal(() => stopAll(started));
}

await main();
