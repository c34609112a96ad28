/**
 * `npm start`: runs the servers of a small local RocketMQ in this one process, with their
 * data under ./data, until Ctrl-C:
 *
 *   name server   127.0.0.1:9876   data/namesrv/kvConfig.json
 *
 * Each server is one entry of `services`; a server added later (the broker) is one more
 * entry. Servers start in order and stop in reverse order.
 */
import { join, relative, resolve } from 'node:path';
import { createLogger } from '../common/log.js';
import { NameServer } from '../namesrv/namesrv.js';
import { stopOnSignal } from './stop-on-signal.js';

interface Service {
  name: string;
  /** Starts the service; resolves with a line saying where it listens. */
  start(): Promise<string>;
  stop(): Promise<void>;
}

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

const services: Service[] = [nameServerService()];

async function stopAll(started: readonly Service[]): Promise<void> {
  for (const service of [...started].reverse()) await service.stop();
  console.log('stopped');
}

async function main(): Promise<void> {
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
