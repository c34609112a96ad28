/**
 * Runs `mqbroker` as a real child process (node --import tsx src/cli/mqbroker.ts -n <namesrv>
 * -c <file>) with its settings in a temporary broker.conf, and reads the address it prints
 * once listening (`The broker listens on <ip:port> (VIP channel port <port>)`) and its boot
 * line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export class BrokerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly address: string,
    readonly vipPort: number,
    readonly output: string[],
  ) {}

  get port(): number {
    return Number(this.address.slice(this.address.lastIndexOf(':') + 1));
  }

  /** Starts mqbroker with `settings` written to `configFile`; resolves once it printed its boot line. */
  static async start(configFile: string, settings: Record<string, string | number | boolean>, nameServer: string | null, timeoutMs = 30_000): Promise<BrokerProcess> {
    writeFileSync(configFile, Object.entries(settings).map(([key, value]) => `${key}=${value}\n`).join(''));
    const args = ['--import', 'tsx', 'src/cli/mqbroker.ts', '-c', configFile, ...(nameServer ? ['-n', nameServer] : [])];
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ROCKETMQ_LOG_LEVEL: 'warn' } });
    const output: string[] = [];
    const { address, vipPort } = await new Promise<{ address: string; vipPort: number }>((resolveStart, reject) => {
      let listening: { address: string; vipPort: number } | null = null;
      const timer = setTimeout(() => reject(new Error(`mqbroker did not boot in time:\n${output.join('\n')}`)), timeoutMs);
      const onLine = (line: string): void => {
        output.push(line);
        const match = /^The broker listens on (\S+) \(VIP channel port (\d+)\)$/.exec(line);
        if (match) listening = { address: match[1] ?? '', vipPort: Number(match[2]) };
        if (/^The broker\[.*\] boot success\./.test(line) && listening !== null) {
          clearTimeout(timer);
          resolveStart(listening);
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
        reject(new Error(`mqbroker exited with ${code}:\n${output.join('\n')}`));
      });
    });
    return new BrokerProcess(child, address, vipPort, output);
  }

  /** SIGKILL at once (a crash); resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolveExit) => this.child.once('exit', () => resolveExit()));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves with the exit code. */
  async stop(graceMs = 15_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolveExit) => this.child.once('exit', (code) => resolveExit(code)));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  }
}
