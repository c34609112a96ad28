/**
 * Runs `mqnamesrv` as a real child process (node --import tsx src/cli/mqnamesrv.ts -c
 * <file>) with its settings in a temporary properties file, and reads the address it
 * prints once listening.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCliProcess, stopCliProcess, type Settings } from '../../support/cli-process.js';

export class NamesrvProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly address: string,
    readonly output: string[],
  ) {}

  get port(): number {
    return Number(this.address.slice(this.address.lastIndexOf(':') + 1));
  }

  /** Starts mqnamesrv with `settings` written to `configFile`; resolves once it printed its boot line. */
  static async start(configFile: string, settings: Settings, timeoutMs = 20_000): Promise<NamesrvProcess> {
    let listening: string | null = null;
    const started = await startCliProcess('mqnamesrv.ts', configFile, settings, [], (line) => {
      const match = /^The Name Server listens on (\S+)$/.exec(line);
      if (match) listening = match[1] ?? null;
      return line.startsWith('The Name Server boot success') ? listening : null;
    }, timeoutMs);
    return new NamesrvProcess(started.child, started.booted, started.output);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves with the exit code. */
  stop(graceMs = 10_000): Promise<number | null> {
    return stopCliProcess(this.child, graceMs);
  }
}

/** A temporary directory removed by the returned function. */
export function temporaryDirectory(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
