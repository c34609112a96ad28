/**
 * The V8 garbage-collector settings a server command applies at start, chosen by the size of
 * the machine (as RocketMQ's runbroker.sh picks JVM GC options).
 *
 * - 2 cores or fewer: scavenges (young-generation collections, every ~100 ms under load)
 *   run on the event-loop thread alone (`--no-parallel-scavenge`). V8's helper threads
 *   would compete for the same cores with this and other processes' event loops, and the
 *   scavenge waits for the slowest helper: in the consume benchmark on 2 cores that made
 *   each pause 2–3 times longer and set the p99 latency.
 * - More cores: V8's defaults.
 *
 * V8 reads this flag at each scavenge, so setting it after start takes effect. Heap sizes
 * cannot change once V8 runs: `--initial-heap-size` is on the command line instead
 * (package.json scripts, the first line of the bins).
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';

/** The flags for a machine of `cores` cores. */
export function gcFlagsFor(cores: number): string[] {
  return cores <= 2 ? ['--no-parallel-scavenge'] : [];
}

/** Applies gcFlagsFor(this machine); returns the flags applied. */
export function tuneGarbageCollector(cores: number = availableParallelism()): string[] {
  const flags = gcFlagsFor(cores);
  for (const flag of flags) setFlagsFromString(flag);
  return flags;
}
