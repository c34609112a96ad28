/**
 * Benchmark reporting in the manner of RocketMQ's benchmark tool: a progress line each
 * second (throughput over that second, average and max latency) and a summary with
 * latency percentiles. Latencies are recorded in a node:perf_hooks histogram (ns).
 */
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import { cpus, totalmem } from 'node:os';

export class Meter {
  private readonly histogram: RecordableHistogram = createHistogram();
  private readonly started = process.hrtime.bigint();
  private count = 0;
  private failures = 0;
  private windowCount = 0;
  private windowLatencyNs = 0;
  private windowMaxNs = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly label: string, private readonly unit = 'ops') {}

  /** Counts one completed operation that took `latencyNs` (0 when latency is not measured). */
  record(latencyNs: number): void {
    this.count++;
    this.windowCount++;
    if (latencyNs > 0) {
      this.histogram.record(Math.max(1, Math.round(latencyNs)));
      this.windowLatencyNs += latencyNs;
      if (latencyNs > this.windowMaxNs) this.windowMaxNs = latencyNs;
    }
  }

  /** Counts `n` operations without latency (codec loops). */
  add(n: number): void {
    this.count += n;
    this.windowCount += n;
  }

  fail(): void {
    this.failures++;
  }

  startProgress(): void {
    let last = process.hrtime.bigint();
    this.timer = setInterval(() => {
      const now = process.hrtime.bigint();
      const seconds = Number(now - last) / 1e9;
      last = now;
      const avgMs = this.windowCount > 0 ? this.windowLatencyNs / this.windowCount / 1e6 : 0;
      const line =
        `${new Date().toISOString()} | ${this.label} | ${this.unit}/s: ${Math.round(this.windowCount / seconds)}` +
        (this.windowLatencyNs > 0 ? ` | Avg RT(ms): ${avgMs.toFixed(3)} | Max RT(ms): ${(this.windowMaxNs / 1e6).toFixed(3)}` : '') +
        ` | Failed: ${this.failures}`;
      console.log(line);
      this.windowCount = 0;
      this.windowLatencyNs = 0;
      this.windowMaxNs = 0;
    }, 1000);
  }

  stop(): Summary {
    if (this.timer) clearInterval(this.timer);
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const hasLatency = this.histogram.count > 0;
    const ms = (percentile: number) => (hasLatency ? this.histogram.percentile(percentile) / 1e6 : 0);
    return {
      label: this.label,
      unit: this.unit,
      count: this.count,
      failures: this.failures,
      seconds,
      perSecond: this.count / seconds,
      p50Ms: ms(50),
      p99Ms: ms(99),
      p999Ms: ms(99.9),
      maxMs: hasLatency ? this.histogram.max / 1e6 : 0,
    };
  }
}

export interface Summary {
  label: string;
  unit: string;
  count: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

/** ` | p50 … ms | p99 … ms | p99.9 … ms | max … ms`, or nothing when latency was not measured. */
export function latencyPercentiles(summary: Summary): string {
  if (summary.p50Ms <= 0) return '';
  return ` | p50 ${summary.p50Ms.toFixed(3)} ms | p99 ${summary.p99Ms.toFixed(3)} ms | p99.9 ${summary.p999Ms.toFixed(3)} ms | max ${summary.maxMs.toFixed(3)} ms`;
}

export function printSummary(summary: Summary): void {
  const latency = latencyPercentiles(summary);
  console.log(
    `SUMMARY ${summary.label}: ${Math.round(summary.perSecond)} ${summary.unit}/s over ${summary.seconds.toFixed(1)} s ` +
      `(${summary.count} ok, ${summary.failures} failed)${latency}`,
  );
}

export function machineLine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}
