/**
 * Child process of the crash test: opens a FileMessageStore with SYNC_FLUSH and appends
 * messages with several puts in flight until it is killed, printing one line per
 * acknowledged message: `ACK <run> <n> <queueId> <queueOffset> <commitLogOffset>`.
 * Usage: crash-writer.ts <storeDir> <run>
 */
import { FileMessageStore } from '../../../src/store/file-message-store.js';
import { crashTestMessage, crashTestStoreConfig } from './crash-test-messages.js';

const [dir, run] = process.argv.slice(2);
if (!dir || !run) throw new Error('usage: crash-writer.ts <storeDir> <run>');

const store = new FileMessageStore(crashTestStoreConfig(dir));
await store.start();
process.stdout.write('READY\n');

const IN_FLIGHT = 16;
let next = 0;
async function writer(): Promise<void> {
  for (;;) {
    const n = next++;
    const message = crashTestMessage(run as string, n);
    const result = await store.putMessage(message);
    if (result.status !== 'PUT_OK') throw new Error(`put ${n} failed: ${result.status} ${result.remark ?? ''}`);
    const appended = result.appended[0];
    process.stdout.write(`ACK ${run} ${n} ${message.queueId} ${appended?.queueOffset} ${appended?.commitLogOffset}\n`);
  }
}
await Promise.all(Array.from({ length: IN_FLIGHT }, () => writer()));
