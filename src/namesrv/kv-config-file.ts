/**
 * The KV table's file, `kvConfig.json`, in RocketMQ's shape (KVConfigSerializeWrapper):
 *
 *   {"configTable":{"ORDER_TOPIC_CONFIG":{"TopicA":"broker-a:4"}}}
 *
 * Written atomically with a `.bak` of the previous content (atomic-file.ts). On load, a
 * missing, empty or unreadable main file falls back to the `.bak`; when neither parses,
 * loading fails rather than start with an empty table and overwrite it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { BodyReader, jsonBytes, mapObject, same } from '../protocol/bodies/body-json.js';
import { writeFileAtomically } from '../common/atomic-file.js';
import type { KVConfigStore } from './kv-config-manager.js';

type Table = Map<string, Map<string, string>>;

export function parseKVConfigText(text: string): Table {
  return BodyReader.parse('KVConfigSerializeWrapper', text).object((root) =>
    root.field('configTable').stringMap((namespace) => namespace.stringMap((value) => value.string())),
  );
}

export function formatKVConfigText(table: ReadonlyMap<string, ReadonlyMap<string, string>>): string {
  return jsonBytes({ configTable: mapObject(table, (entries) => mapObject(entries, same)) }).toString('utf8');
}

export class KVConfigFile implements KVConfigStore {
  constructor(readonly path: string) {}

  load(): Table {
    const problems: string[] = [];
    for (const candidate of [this.path, `${this.path}.bak`]) {
      if (!existsSync(candidate)) continue;
      const text = readFileSync(candidate, 'utf8');
      if (text.trim() === '') continue;
      try {
        return parseKVConfigText(text);
      } catch (error) {
        problems.push(`${candidate}: ${(error as Error).message}`);
      }
    }
    if (problems.length > 0) throw new Error(`cannot load the KV config: ${problems.join('; ')}`);
    return new Map();
  }

  save(table: ReadonlyMap<string, ReadonlyMap<string, string>>): void {
    writeFileAtomically(this.path, formatKVConfigText(table));
  }
}
