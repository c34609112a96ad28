import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KVConfigFile, formatKVConfigText, parseKVConfigText } from './kv-config-file.js';
import { KVConfigManager, NAMESPACE_ORDER_TOPIC_CONFIG } from './kv-config-manager.js';

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kvconfig-'));
  path = join(dir, 'namesrv', 'kvConfig.json');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('kvConfig.json', () => {
  it('has RocketMQ\'s shape {"configTable":{namespace:{key:value}}}', () => {
    const table = new Map([[NAMESPACE_ORDER_TOPIC_CONFIG, new Map([['TopicA', 'broker-a:4;broker-b:4']])]]);
    expect(formatKVConfigText(table)).toBe('{"configTable":{"ORDER_TOPIC_CONFIG":{"TopicA":"broker-a:4;broker-b:4"}}}');
    expect(parseKVConfigText(formatKVConfigText(table))).toEqual(table);
  });

  it('reads what fastjson writes, numbers as strings included', () => {
    expect(parseKVConfigText('{"configTable":{"ns":{"k":1,"__proto__":"v"}}}')).toEqual(
      new Map([['ns', new Map([['k', '1'], ['__proto__', 'v']])]]),
    );
  });

  it('is written on every change, atomically, keeping the previous content in .bak', () => {
    const kv = new KVConfigManager(new KVConfigFile(path));
    kv.load();
    kv.put('ns', 'a', '1');
    expect(readFileSync(path, 'utf8')).toBe('{"configTable":{"ns":{"a":"1"}}}');
    expect(existsSync(`${path}.bak`)).toBe(false);
    kv.put('ns', 'b', '2');
    kv.delete('ns', 'a');
    expect(readFileSync(path, 'utf8')).toBe('{"configTable":{"ns":{"b":"2"}}}');
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('{"configTable":{"ns":{"a":"1","b":"2"}}}');
    expect(existsSync(`${path}.tmp`)).toBe(false);

    const reloaded = new KVConfigManager(new KVConfigFile(path));
    reloaded.load();
    expect(reloaded.get('ns', 'b')).toBe('2');
    expect(reloaded.namespace('ns')).toEqual({ table: new Map([['b', '2']]) });
  });

  it('falls back to .bak when the file is missing or damaged, and refuses to start when both are', () => {
    const kv = new KVConfigManager(new KVConfigFile(path));
    kv.put('ns', 'a', '1');
    kv.put('ns', 'a', '2');
    writeFileSync(path, '{"configTable":{"ns":');
    expect(new KVConfigFile(path).load()).toEqual(new Map([['ns', new Map([['a', '1']])]]));
    rmSync(path);
    expect(new KVConfigFile(path).load()).toEqual(new Map([['ns', new Map([['a', '1']])]]));
    writeFileSync(`${path}.bak`, 'garbage');
    expect(() => new KVConfigFile(path).load()).toThrow(/cannot load the KV config/);
  });

  it('starts empty when there is no file', () => {
    expect(new KVConfigFile(path).load()).toEqual(new Map());
  });
});

describe('KVConfigManager', () => {
  it('keeps namespaces apart, answers undefined for what is absent, and moves its version on change', () => {
    const kv = new KVConfigManager();
    const v0 = kv.version;
    kv.put('a', 'k', '1');
    kv.put('b', 'k', '2');
    expect(kv.get('a', 'k')).toBe('1');
    expect(kv.get('b', 'k')).toBe('2');
    expect(kv.get('c', 'k')).toBeUndefined();
    expect(kv.namespace('c')).toBeUndefined();
    kv.delete('a', 'k');
    expect(kv.get('a', 'k')).toBeUndefined();
    expect(kv.namespace('a')).toEqual({ table: new Map() });
    expect(kv.version).toBeGreaterThan(v0);
  });
});
