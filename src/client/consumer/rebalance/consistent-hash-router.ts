/**
 * A consistent-hash ring (RocketMQ's `ConsistentHashRouter`): each node is placed on the
 * ring `virtualNodeCount` times, at the hash of `<key>-<i>`; an object goes to the first
 * virtual node at or after its own hash, wrapping to the first. The default hash is the
 * first four bytes of the MD5 of the UTF-8 text, as an unsigned 32-bit number. When two
 * virtual nodes hash alike, the one placed later wins the spot (as Java's TreeMap.put).
 */
import { createHash } from 'node:crypto';

export type HashFunction = (key: string) => number;

export const md5Hash: HashFunction = (key) => createHash('md5').update(key, 'utf8').digest().readUInt32BE(0);

export class ConsistentHashRouter {
  private readonly ring: { hash: number; node: string }[];
  private readonly hash: HashFunction;

  constructor(nodes: Iterable<string>, virtualNodeCount: number, hash: HashFunction = md5Hash) {
    const spots = new Map<number, string>();
    const replicas = new Map<string, number>();
    for (const node of nodes) {
      const existing = replicas.get(node) ?? 0;
      for (let i = 0; i < virtualNodeCount; i++) spots.set(hash(`${node}-${i + existing}`), node);
      replicas.set(node, existing + virtualNodeCount);
    }
    this.ring = [...spots].map(([spot, node]) => ({ hash: spot, node })).sort((a, b) => a.hash - b.hash);
    this.hash = hash;
  }

  route(objectKey: string): string | undefined {
    if (this.ring.length === 0) return undefined;
    const target = this.hash(objectKey);
    let low = 0;
    let high = this.ring.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.ring[middle] as { hash: number }).hash < target) low = middle + 1;
      else high = middle;
    }
    return (this.ring[low] ?? this.ring[0])?.node;
  }
}
