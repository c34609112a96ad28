/**
 * Child process of the store benchmark (bench/store.ts), forked with an IPC channel:
 *   write <storeDir> <bytes> <segmentBytes> <bodyBytes>: appends with ASYNC_FLUSH and many
 *     puts in flight; reports `written` once `bytes` of log are in the files (committed:
 *     what is still in the append memory dies with the process), then goes on appending
 *     until the parent kills it (SIGKILL).
 *   heap <storeDir> <messages> <segmentBytes> <bodyBytes>: stores `messages` messages and
 *     reports process.memoryUsage() after a full GC (run with --expose-gc) at every tenth of
 *     them, then shuts the store down and exits.
 * Both report `progress` (messages stored since the last report) each second.
 */
import { FileMessageStore } from '../src/store/file-message-store.js';
import { benchStoreConfig, MessageSource, putLoops, type ChildReport } from './store.js';

const IN_FLIGHT = 256;

function report(message: ChildReport): void {
  process.send?.(message);
}

/** Counts stored messages and reports the count each second. */
function progressReporter(): { add: () => void; stop: () => void } {
  let count = 0;
  const timer = setInterval(() => {
    report({ kind: 'progress', count });
    count = 0;
  }, 1000);
  return {
    add: () => void count++,
    stop: () => {
      clearInterval(timer);
      report({ kind: 'progress', count });
    },
  };
}

async function putOrThrow(store: FileMessageStore, source: MessageSource): Promise<void> {
  const result = await store.putMessage(source.next());
  if (result.status !== 'PUT_OK') throw new Error(`put failed: ${result.status} ${result.remark ?? ''}`);
}

async function write(storeDir: string, bytes: number, segmentBytes: number, bodyBytes: number): Promise<void> {
  const store = new FileMessageStore(benchStoreConfig(storeDir, segmentBytes));
  await store.start();
  const source = new MessageSource(bodyBytes);
  const progress = progressReporter();
  let stored = 0;
  let told = false;
  await putLoops(IN_FLIGHT, () => true, async () => {
    await putOrThrow(store, source);
    progress.add();
    stored++;
    const stats = store.stats();
    const end = stats.commitLogMaxOffset - stats.uncommittedBytes;
    if (!told && end >= bytes) {
      told = true;
      report({ kind: 'written', bytes: end, count: stored });
    }
  });
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc');
  collect();
  collect();
}

async function heap(storeDir: string, messages: number, segmentBytes: number, bodyBytes: number): Promise<void> {
  const store = new FileMessageStore(benchStoreConfig(storeDir, segmentBytes));
  await store.start();
  const source = new MessageSource(bodyBytes);
  const progress = progressReporter();
  let issued = 0;
  for (let tenth = 1; tenth <= 10; tenth++) {
    const until = Math.round((messages * tenth) / 10);
    await putLoops(IN_FLIGHT, () => issued < until, async () => {
      issued++;
      await putOrThrow(store, source);
      progress.add();
    });
    gc();
    const memory = process.memoryUsage();
    report({ kind: 'memory', messages: issued, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, rss: memory.rss, external: memory.external });
  }
  progress.stop();
  await store.shutdown();
}

const [mode, storeDir, amount, segment, body] = process.argv.slice(2);
if (!storeDir || amount === undefined || segment === undefined || body === undefined) {
  throw new Error('usage: store-child.ts write|heap <storeDir> <bytes|messages> <segmentBytes> <bodyBytes>');
}
if (mode === 'write') await write(storeDir, Number(amount), Number(segment), Number(body));
else if (mode === 'heap') await heap(storeDir, Number(amount), Number(segment), Number(body));
else throw new Error(`unknown mode ${mode}`);
process.disconnect?.();
