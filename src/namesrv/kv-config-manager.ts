/**
 * KVConfigManager: the name server's namespaced key/value table (RocketMQ KVConfigManager),
 * e.g. namespace ORDER_TOPIC_CONFIG, key = topic, value = `brokerName:queueCount;…`.
 *
 * Every put and delete is handed to the injected store at once (the file store writes
 * `kvConfig.json`); `version` grows on every change so that answers built from the table
 * can be cached.
 */
import type { KVTable } from '../protocol/bodies/kv-table.js';

/** Where the table lives between runs. */
export interface KVConfigStore {
  load(): Map<string, Map<string, string>>;
  save(table: ReadonlyMap<string, ReadonlyMap<string, string>>): void;
}

/** The namespace whose entries give the queue layout of ordered topics. */
export const NAMESPACE_ORDER_TOPIC_CONFIG = 'ORDER_TOPIC_CONFIG';

export class KVConfigManager {
  private readonly table = new Map<string, Map<string, string>>();
  private changes = 0;

  constructor(private readonly store: KVConfigStore | null = null) {}

  /** Replaces the table with the store's copy. */
  load(): void {
    if (!this.store) return;
    this.table.clear();
    for (const [namespace, entries] of this.store.load()) this.table.set(namespace, new Map(entries));
    this.changes++;
  }

  get version(): number {
    return this.changes;
  }

  put(namespace: string, key: string, value: string): void {
    const entries = this.table.get(namespace) ?? new Map<string, string>();
    entries.set(key, value);
    this.table.set(namespace, entries);
    this.persist();
  }

  get(namespace: string, key: string): string | undefined {
    return this.table.get(namespace)?.get(key);
  }

  /** Removes one key; the namespace stays, empty, as in RocketMQ. */
  delete(namespace: string, key: string): void {
    this.table.get(namespace)?.delete(key);
    this.persist();
  }

  /** A namespace as a KVTable, or undefined when the namespace does not exist. */
  namespace(namespace: string): KVTable | undefined {
    const entries = this.table.get(namespace);
    return entries ? { table: new Map(entries) } : undefined;
  }

  private persist(): void {
    this.changes++;
    this.store?.save(this.table);
  }
}
