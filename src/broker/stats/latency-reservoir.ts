/**
 * LatencyReservoir: the last 4096 put latencies (ms), for the putLatency99 / putLatency999
 * percentiles of GET_BROKER_RUNTIME_INFO; bounded, sorted only when asked.
 */
const CAPACITY = 4096;

export class LatencyReservoir {
  private readonly values = new Float64Array(CAPACITY);
  private count = 0;

  record(latencyMs: number): void {
    this.values[this.count % CAPACITY] = latencyMs;
    this.count++;
  }

  /** The `percentile` (0..100) of the recorded latencies, 0 when none. */
  percentile(percentile: number): number {
    const size = Math.min(this.count, CAPACITY);
    if (size === 0) return 0;
    const sorted = this.values.slice(0, size).sort();
    const index = Math.min(size - 1, Math.ceil((percentile * size) / 100 - 1e-9) - 1);
    return sorted[Math.max(0, index)] as number;
  }
}
