/**
 * LatencyFaultTolerance: which brokers to avoid for a while (Java `LatencyFaultToleranceImpl`).
 * A broker's fault item holds its last latency and the time it becomes available again;
 * a broker without an item is available.
 *
 * `pickOneAtLeast` names a broker to try when every queue's broker is being avoided: the
 * items sorted best first (available, then lower latency, then sooner available), and one
 * of the better half chosen round robin.
 *
 * Pure: time comes from the injected clock. Bounded: past `maxItems` brokers the item
 * recorded longest ago is forgotten.
 */
import { ClientLimits } from '../../client-limits.js';
import { QueueIndex } from '../../route/queue-index.js';

export interface FaultItem {
  readonly name: string;
  currentLatency: number;
  /** Epoch ms from which the broker is available again. */
  startTimestamp: number;
}

export class LatencyFaultTolerance {
  private readonly items = new Map<string, FaultItem>();
  private readonly whichItemWorst: QueueIndex;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly maxItems: number = ClientLimits.maxBrokers,
    whichItemWorst: QueueIndex = new QueueIndex(),
  ) {
    this.whichItemWorst = whichItemWorst;
  }

  updateFaultItem(name: string, currentLatency: number, notAvailableDuration: number): void {
    const startTimestamp = this.clock() + notAvailableDuration;
    const item = this.items.get(name);
    if (item) {
      item.currentLatency = currentLatency;
      item.startTimestamp = startTimestamp;
      return;
    }
    if (this.items.size >= this.maxItems) {
      const oldest = this.items.keys().next();
      if (!oldest.done) this.items.delete(oldest.value);
    }
    this.items.set(name, { name, currentLatency, startTimestamp });
  }

  isAvailable(name: string): boolean {
    const item = this.items.get(name);
    return item === undefined || this.itemAvailable(item);
  }

  remove(name: string): void {
    this.items.delete(name);
  }

  /** A broker to use when all are being avoided: one of the better half, round robin. */
  pickOneAtLeast(): string | undefined {
    const sorted = [...this.items.values()].sort((a, b) => this.compare(a, b));
    if (sorted.length === 0) return undefined;
    const half = Math.floor(sorted.length / 2);
    if (half <= 0) return sorted[0]?.name;
    return sorted[this.whichItemWorst.next() % half]?.name;
  }

  /** A snapshot of the fault items. */
  snapshot(): FaultItem[] {
    return [...this.items.values()].map((item) => ({ ...item }));
  }

  private itemAvailable(item: FaultItem): boolean {
    return this.clock() - item.startTimestamp >= 0;
  }

  private compare(a: FaultItem, b: FaultItem): number {
    const availableA = this.itemAvailable(a);
    const availableB = this.itemAvailable(b);
    if (availableA !== availableB) return availableA ? -1 : 1;
    if (a.currentLatency !== b.currentLatency) return a.currentLatency < b.currentLatency ? -1 : 1;
    if (a.startTimestamp !== b.startTimestamp) return a.startTimestamp < b.startTimestamp ? -1 : 1;
    return 0;
  }
}
