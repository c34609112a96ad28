/**
 * `mqnamesrv` and `mqbroker` as real child processes (node --import tsx src/cli/…), for the
 * tests that are about processes (restarts, kills): each is started with a config file
 * and resolves once it printed its boot line, with the address it listens on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly address: string,
  ) {}

  get port(): number {
    return Number(this.address.slice(this.address.lastIndexOf(':') + 1));
  }

  static async start(script: 'mqnamesrv.ts' | 'mqbroker.ts', configFile: string, settings: Record<string, string | number>, extraArgs: string[] = []): Promise<ServerProcess> {
    writeFileSync(configFile, Object.entries(settings).map(([key, value]) => `${key}=${value}\n`).join(''));
    const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}`, '-c', configFile, ...extraArgs], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ROCKETMQ_LOG_LEVEL: 'warn' },
    });
    const ready = script === 'mqnamesrv.ts' ? /The Name Server listens on (\S+)[\s\S]*boot success/ : /The broker listens on (\S+)[\s\S]*boot success/;
    const address = await new Promise<string>((resolveStart, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`${script} did not boot in time:\n${output}`)), 30_000);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString('utf8');
        const match = ready.exec(output);
        if (match) {
          clearTimeout(timer);
          resolveStart(match[1] ?? '');
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${script} exited with ${code}:\n${output}`));
      });
    });
    return new ServerProcess(child, address);
  }

  /** SIGTERM (SIGKILL with `kill`), resolving once the process is gone. */
  async stop(kill = false): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolveExit) => this.child.once('exit', () => resolveExit()));
    this.child.kill(kill ? 'SIGKILL' : 'SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}
