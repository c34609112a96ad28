/**
 * Child processes of the benchmarks: the project's commands (`src/cli/*.ts`, run through
 * tsx) and benchmark children, started with the V8 flags the servers are run with
 * (SERVER_NODE_FLAGS), so that a benchmark measures what `npm start` and the bins run.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The flags of `npm start`, `npm run bench` and the mqbroker / mqnamesrv bins (package.json
 * and the bins' first line say the same). A 256 MB initial old generation keeps V8 from
 * running a full mark-compact every second or so while the heap is small: V8 counts
 * Buffer (ArrayBuffer) memory allocated since the last full GC against that limit, and a
 * broker allocates Buffers at the rate messages flow. A full GC pauses the event loop for
 * 2–5 ms; scavenges (young generation) stay as they were.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--initial-heap-size=256'];

export interface StartedCli {
  child: ChildProcess;
  /** Everything the command printed until `ready` matched. */
  output: string;
  match: RegExpExecArray;
}

/** Starts `src/cli/<script>` with `args`; resolves once `ready` matches its standard output. */
export function startCli(script: string, args: string[], ready: RegExp, nodeArgs: readonly string[] = []): Promise<StartedCli> {
  const child = spawnTs(`src/cli/${script}`, args, nodeArgs, ['ignore', 'pipe', 'inherit']);
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const match = ready.exec(output);
      if (!match) return;
      child.stdout?.off('data', onData);
      child.stdout?.resume();
      resolve({ child, output, match });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${output}`)));
  });
}

/** Runs a TypeScript file of the project in a child process with SERVER_NODE_FLAGS. */
export function spawnTs(file: string, args: readonly string[], nodeArgs: readonly string[] = [], stdio: StdioOptions = ['ignore', 'inherit', 'inherit']): ChildProcess {
  return spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, '--import', 'tsx', file, ...args], { cwd: projectRoot, stdio });
}

/** SIGTERM, then waits for the exit (a child already gone is left alone). */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
