/**
 * The store directory's `lock` file: one process at a time may open a store. The file
 * holds the owner's pid; it is created exclusively, and a lock whose pid is no longer a
 * live process (a crashed broker, or RocketMQ's own `lock` file, which holds the text
 * `lock`) is taken over. Released (deleted) on a clean close.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { RocketMQError } from '../common/errors.js';

export class StoreLock {
  private held = false;

  constructor(private readonly path: string) {}

  async acquire(): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(this.path, 'wx');
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        this.held = true;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new RocketMQError('STORE_IO', `cannot create lock file ${this.path}: ${(error as Error).message}`);
        }
      }
      const owner = await this.owner();
      if (owner !== null && owner !== process.pid && isAlive(owner)) {
        throw new RocketMQError(
          'STORE_LOCKED',
          `store directory is in use by process ${owner} (lock file ${this.path}); stop that process or use another storePathRootDir`,
        );
      }
      await unlink(this.path).catch(() => undefined);
    }
    throw new RocketMQError('STORE_LOCKED', `could not take the lock file ${this.path}; another process keeps creating it`);
  }

  private async owner(): Promise<number | null> {
    const text = await readFile(this.path, 'utf8').catch(() => '');
    const pid = Number(text.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await unlink(this.path).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
