/**
 * Starts a consumer group member as a child process (support/consumer-member.ts) and keeps
 * what it reports: its deliveries, stamped with the shared monotonic clock, and the queues
 * it holds now. `stop` sends SIGTERM, which shuts the consumer down cleanly (offsets
 * committed, queues unlocked) before the process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopCliProcess } from '../../support/cli-process.js';
import type { MemberSettings } from './consumer-member.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const START_TIMEOUT_MS = 30_000;

export interface Delivery {
  member: string;
  body: string;
  queueId: number;
  queueOffset: number;
  /** process.hrtime.bigint() in the member when its listener got the message. */
  at: bigint;
}

interface Report {
  event: 'started' | 'message' | 'queues' | 'stopped';
  body?: string;
  queueId?: number;
  queueOffset?: number;
  at?: string;
  queueIds?: number[];
}

export class MemberProcess {
  readonly deliveries: Delivery[] = [];
  queueIds: number[] = [];
  private readonly output: string[] = [];

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(settings: MemberSettings): Promise<MemberProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/client/support/consumer-member.ts', JSON.stringify(settings)], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ROCKETMQ_LOG_LEVEL: 'warn' },
    });
    const member = new MemberProcess(settings.instanceName, child);
    await member.started();
    return member;
  }

  private started(): Promise<void> {
    return new Promise((resolveStart, reject) => {
      const timer = setTimeout(() => reject(new Error(`member ${this.name} did not start in time:\n${this.output.join('\n')}`)), START_TIMEOUT_MS);
      let buffered = '';
      this.child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (this.take(line) === 'started') {
            clearTimeout(timer);
            resolveStart();
          }
        }
      });
      this.child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString('utf8')));
      this.child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`member ${this.name} exited with ${code}:\n${this.output.join('\n')}`));
      });
    });
  }

  private take(line: string): Report['event'] | null {
    if (!line.startsWith('{')) {
      this.output.push(line);
      return null;
    }
    const report = JSON.parse(line) as Report;
    if (report.event === 'message') {
      this.deliveries.push({ member: this.name, body: report.body ?? '', queueId: report.queueId ?? -1, queueOffset: report.queueOffset ?? -1, at: BigInt(report.at ?? '0') });
    } else if (report.event === 'queues') {
      this.queueIds = report.queueIds ?? [];
    }
    return report.event;
  }

  /** SIGTERM (a clean shutdown), then SIGKILL after 15 s; resolves once the process is gone. */
  async stop(): Promise<void> {
    if (this.child.signalCode !== null) return;
    await stopCliProcess(this.child, 15_000);
  }
}
