/**
 * `npm run bench -- <name> [options]`: runs one benchmark and prints a progress line each
 * second and a summary. Names: remoting, namesrv, store.
 */
import { tuneGarbageCollector } from '../src/cli/gc-tuning.js';
import { machineLine } from './support/report.js';

const benchmarks: Record<string, () => Promise<{ run(argv: string[]): Promise<void> }>> = {
  remoting: () => import('./remoting.js'),
  namesrv: () => import('./namesrv.js'),
  store: () => import('./store.js'),
  broker: () => import('./broker.js'),
  consume: () => import('./consume.js'),
  produce: () => import('./produce.js'),
  'consume-client': () => import('./consume-client.js'),
};

const [name, ...rest] = process.argv.slice(2);
const load = name === undefined ? undefined : benchmarks[name];
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benchmarks).join('|')}> [options]`);
  process.exit(2);
}
tuneGarbageCollector(); // the benchmark's own processes run as the servers do
console.log(`machine: ${machineLine()}`);
await (await load()).run(rest);
