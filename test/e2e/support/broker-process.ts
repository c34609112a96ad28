/**
 * Runs `mqbroker` as a real child process (node --import tsx src/cli/mqbroker.ts -n <namesrv>
 * -c <file>) with its settings in a temporary broker.conf, and reads the address it prints
 * once listening (`The broker listens on <ip:port> (VIP channel port <port>)`) and its boot
 * line.
 */
import type { ChildProcess } from 'node:child_process';
import { startCliProcess, stopCliProcess, type Settings } from '../../support/cli-process.js';

interface Listening {
  address: string;
  vipPort: number;
}

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
  static async start(configFile: string, settings: Settings, nameServer: string | null, timeoutMs = 30_000): Promise<BrokerProcess> {
    let listening: Listening | null = null;
    const started = await startCliProcess('mqbroker.ts', configFile, settings, nameServer ? ['-n', nameServer] : [], (line): Listening | null => {
      const match = /^The broker listens on (\S+) \(VIP channel port (\d+)\)$/.exec(line);
      if (match) listening = { address: match[1] ?? '', vipPort: Number(match[2]) };
      return /^The broker\[.*\] boot success\./.test(line) ? listening : null;
    }, timeoutMs);
    return new BrokerProcess(started.child, started.booted.address, started.booted.vipPort, started.output);
  }

  /** SIGKILL at once (a crash); resolves once the process is gone. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolveExit) => this.child.once('exit', () => resolveExit()));
    this.child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves with the exit code. */
  stop(graceMs = 15_000): Promise<number | null> {
    return stopCliProcess(this.child, graceMs);
  }
}
