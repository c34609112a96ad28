/**
 * A command of src/cli (mqnamesrv, mqbroker) run as a real child process through tsx, with
 * its settings written to a properties file, its output collected line by line (stdout and
 * stderr), and its boot recognised by the caller's reading of those lines.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type Settings = Record<string, string | number | boolean>;

export interface StartedCli<T> {
  child: ChildProcess;
  /** Every line printed so far (the list keeps growing while the process runs). */
  output: string[];
  /** What `readBoot` answered for the line that completed the boot. */
  booted: T;
}

/**
 * Writes `settings` to `configFile`, runs `src/cli/<script> -c <configFile> ...args`, and
 * resolves once `readBoot` answers something other than null for a line (it may keep state
 * across lines); rejects when the process exits or `timeoutMs` passes first.
 */
export async function startCliProcess<T>(script: string, configFile: string, settings: Settings, args: string[], readBoot: (line: string) => T | null, timeoutMs: number): Promise<StartedCli<T>> {
  writeFileSync(configFile, Object.entries(settings).map(([key, value]) => `${key}=${value}\n`).join(''));
  const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}`, '-c', configFile, ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ROCKETMQ_LOG_LEVEL: 'warn' },
  });
  const output: string[] = [];
  const booted = await new Promise<T>((resolveBoot, reject) => {
    let done = false;
    const timer = setTimeout(() => reject(new Error(`${script} did not boot in time:\n${output.join('\n')}`)), timeoutMs);
    const onLine = (line: string): void => {
      output.push(line);
      if (done) return;
      const result = readBoot(line);
      if (result === null) return;
      done = true;
      clearTimeout(timer);
      resolveBoot(result);
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
      reject(new Error(`${script} exited with ${code}:\n${output.join('\n')}`));
    });
  });
  return { child, output, booted };
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves with the exit code. */
export async function stopCliProcess(child: ChildProcess, graceMs: number): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
