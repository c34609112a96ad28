/**
 * BrokerAddressTable: broker name → (broker id → `ip:port`), learnt from topic routes.
 * Id 0 is the master. Look-ups follow the Java client:
 *
 * - publish: the master's address only;
 * - subscribe: the wanted id; for a slave id also the next id; else, unless
 *   `onlyThisBroker`, any address of that broker (lowest id first);
 * - admin: any address, master first.
 *
 * Bounded: at most `maxBrokers` broker names (updates beyond are ignored, logged by the
 * caller). `retainAddresses` drops addresses no route mentions any more.
 */
import type { BrokerData } from '../../protocol/bodies/topic-route-data.js';
import { ClientLimits } from '../client-limits.js';

export const MASTER_ID = 0;

export interface FoundBroker {
  address: string;
  brokerId: number;
  slave: boolean;
}

export class BrokerAddressTable {
  private readonly table = new Map<string, Map<number, string>>();

  constructor(private readonly maxBrokers: number = ClientLimits.maxBrokers) {}

  /** Records the addresses of the brokers of a route; returns false when the table is full. */
  update(brokerDatas: readonly BrokerData[]): boolean {
    let complete = true;
    for (const broker of brokerDatas) {
      if (!this.table.has(broker.brokerName) && this.table.size >= this.maxBrokers) {
        complete = false;
        continue;
      }
      this.table.set(broker.brokerName, new Map([...broker.brokerAddrs].sort((a, b) => a[0] - b[0])));
    }
    return complete;
  }

  masterAddress(brokerName: string): string | undefined {
    return this.table.get(brokerName)?.get(MASTER_ID);
  }

  findInSubscribe(brokerName: string, brokerId: number, onlyThisBroker: boolean): FoundBroker | undefined {
    const addresses = this.table.get(brokerName);
    if (!addresses || addresses.size === 0) return undefined;
    const exact = addresses.get(brokerId);
    if (exact !== undefined) return { address: exact, brokerId, slave: brokerId !== MASTER_ID };
    if (brokerId !== MASTER_ID) {
      const next = addresses.get(brokerId + 1);
      if (next !== undefined) return { address: next, brokerId: brokerId + 1, slave: true };
    }
    if (onlyThisBroker) return undefined;
    return this.findInAdmin(brokerName);
  }

  findInAdmin(brokerName: string): FoundBroker | undefined {
    const first = this.table.get(brokerName)?.entries().next();
    if (!first || first.done) return undefined;
    const [brokerId, address] = first.value;
    return { address, brokerId, slave: brokerId !== MASTER_ID };
  }

  /** Every (brokerName, brokerId, address). */
  *entries(): IterableIterator<{ brokerName: string; brokerId: number; address: string }> {
    for (const [brokerName, addresses] of this.table) {
      for (const [brokerId, address] of addresses) yield { brokerName, brokerId, address };
    }
  }

  brokerNames(): string[] {
    return [...this.table.keys()];
  }

  /** Drops addresses not in `inUse`, and broker names left without any address. */
  retainAddresses(inUse: ReadonlySet<string>): void {
    for (const [brokerName, addresses] of this.table) {
      for (const [brokerId, address] of addresses) if (!inUse.has(address)) addresses.delete(brokerId);
      if (addresses.size === 0) this.table.delete(brokerName);
    }
  }
}
