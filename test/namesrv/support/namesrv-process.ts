/**
 * Runs `mqnamesrv` as a real child process (node --import tsx src/cli/mqnamesrv.ts -c
 * <file>) with its settings in a temporary properties file, and reads the address it
 * prints once listening.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

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
  static async start(configFile: string, settings: Record<string, string | number | boolean>, timeoutMs = 20_000): Promise<NamesrvProcess> {
    writeFileSync(configFile, Object.entries(settings).map(([key, value]) => `${key}=${value}\n`).join(''));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/mqnamesrv.ts', '-c', configFile], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ROCKETMQ_LOG_LEVEL: 'warn' },
    });
    const output: string[] = [];
    const address = await new Promise<string>((resolveAddress, reject) => {
      let listening: string | null = null;
      const timer = setTimeout(() => reject(new Error(`mqnamesrv did not boot in time:\n${output.join('\n')}`)), timeoutMs);
      const onLine = (line: string): void => {
        output.push(line);
        const match = /^The Name Server listens on (\S+)$/.exec(line);
        if (match) listening = match[1] ?? null;
        if (line.startsWith('The Name Server boot success') && listening !== null) {
          clearTimeout(timer);
          resolveAddress(listening);
        }
      };
      let buffered = '';
      const onData = (chunk: Buffer): void => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        lines.forEach(onLine);
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`mqnamesrv exited with ${code}:\n${output.join('\n')}`));
      });
    });
    return new NamesrvProcess(child, address, output);
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves with the exit code. */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolveExit) => this.child.once('exit', (code) => resolveExit(code)));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}

/** A temporary directory removed by the returned function. */
export function temporaryDirectory(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
