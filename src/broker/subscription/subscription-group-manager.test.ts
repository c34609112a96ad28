import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { subscriptionGroupConfig } from '../../protocol/bodies/subscription-group-config.js';
import { BUILT_IN_GROUPS, SubscriptionGroupManager, subscriptionGroupPath } from './subscription-group-manager.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'store');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempRoot(fixture?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'subgroups-'));
  dirs.push(root);
  if (fixture) {
    mkdirSync(join(root, 'config'));
    for (const name of ['subscriptionGroup.json', 'subscriptionGroup.json.bak']) {
      copyFileSync(join(fixtures, fixture, 'config', name), join(root, 'config', name));
    }
  }
  return root;
}

describe('SubscriptionGroupManager', () => {
  it('starts with the groups every RocketMQ broker has', () => {
    const groups = new SubscriptionGroupManager({ storePathRootDir: tempRoot() });
    groups.load();
    expect([...groups.all().keys()].sort()).toEqual([...BUILT_IN_GROUPS].sort());
    expect(groups.find('CID_ONSAPI_OWNER')).toEqual(subscriptionGroupConfig('CID_ONSAPI_OWNER'));
  });

  it.each(['java-4.9.8-clean', 'java-4.9.8-crashed'])('reads the Java-written file of the %s fixture (tabs, fastjson)', (fixture) => {
    const groups = new SubscriptionGroupManager({ storePathRootDir: tempRoot(fixture) });
    groups.load();
    expect(groups.find('GroupRetry')).toEqual(subscriptionGroupConfig('GroupRetry'));
    expect(groups.find('GroupPartial')?.retryMaxTimes).toBe(16);
    for (const builtIn of BUILT_IN_GROUPS) expect(groups.find(builtIn)).toBeDefined();
    if (fixture === 'java-4.9.8-clean') expect(groups.dataVersion).toEqual({ counter: 2, timestamp: 1795540432069 });
    else expect(groups.find('GroupLive')).toBeDefined();
  });

  it('writes standard JSON that reads back the same, keeping the old file as .bak', async () => {
    const root = tempRoot('java-4.9.8-clean');
    const before = readFileSync(subscriptionGroupPath(root), 'utf8');
    const groups = new SubscriptionGroupManager({ storePathRootDir: root, now: () => 1_900_000_000_000 });
    groups.load();
    await groups.update(subscriptionGroupConfig('G2', { retryMaxTimes: 3, consumeBroadcastEnable: false }));
    const text = readFileSync(subscriptionGroupPath(root), 'utf8');
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(readFileSync(`${subscriptionGroupPath(root)}.bak`, 'utf8')).toBe(before);
    const again = new SubscriptionGroupManager({ storePathRootDir: root });
    again.load();
    expect(again.find('G2')).toEqual(subscriptionGroupConfig('G2', { retryMaxTimes: 3, consumeBroadcastEnable: false }));
    expect(again.dataVersion).toEqual({ counter: 3, timestamp: 1_900_000_000_000 });
    expect([...again.all().keys()].sort()).toEqual([...groups.all().keys()].sort());
  });

  it('falls back to the .bak when the main file is unreadable, and fails when both are', () => {
    const root = tempRoot('java-4.9.8-clean');
    writeFileSync(subscriptionGroupPath(root), '{"subscriptionGroupTable":{');
    const groups = new SubscriptionGroupManager({ storePathRootDir: root });
    groups.load();
    // The fixture's .bak is the file before GroupRetry was created.
    expect(groups.find('GroupPartial')).toBeDefined();
    expect(groups.find('GroupRetry')).toBeUndefined();
    writeFileSync(`${subscriptionGroupPath(root)}.bak`, 'garbage');
    expect(() => new SubscriptionGroupManager({ storePathRootDir: root }).load()).toThrow(/cannot load/);
  });

  it('creates unknown groups with defaults when autoCreateSubscriptionGroup is on, persisting them', async () => {
    const root = tempRoot();
    let now = 1000;
    const groups = new SubscriptionGroupManager({ storePathRootDir: root, now: () => now });
    const first = groups.findOrCreate('CG1');
    expect(first).toEqual({ ok: true, config: subscriptionGroupConfig('CG1'), created: true });
    now = 2000;
    expect(groups.findOrCreate('CG1')).toMatchObject({ ok: true, created: false });
    expect(groups.dataVersion).toEqual({ counter: 1, timestamp: 1000 });
    await groups.persist();
    const again = new SubscriptionGroupManager({ storePathRootDir: root });
    again.load();
    expect(again.find('CG1')).toBeDefined();
  });

  it('refuses unknown groups when auto-creation is off, except the broker system groups', () => {
    const groups = new SubscriptionGroupManager({ storePathRootDir: tempRoot(), autoCreateSubscriptionGroup: false });
    expect(groups.findOrCreate('CG1')).toMatchObject({ ok: false, responseCode: 26 });
    expect(groups.findOrCreate('CID_RMQ_SYS_TRANS')).toMatchObject({ ok: true, created: true });
    expect(groups.findOrCreate('TOOLS_CONSUMER')).toMatchObject({ ok: true, created: false });
  });

  it('bounds the number of groups', () => {
    const groups = new SubscriptionGroupManager({ storePathRootDir: tempRoot(), maxGroups: BUILT_IN_GROUPS.length + 1 });
    expect(groups.findOrCreate('CG1').ok).toBe(true);
    const refused = groups.findOrCreate('CG2');
    expect(refused).toMatchObject({ ok: false, responseCode: 26 });
    if (!refused.ok) expect(refused.remark).toContain('maxGroups');
  });

  it('deletes groups and disables consumption, moving the data version', async () => {
    const root = tempRoot();
    const groups = new SubscriptionGroupManager({ storePathRootDir: root });
    await groups.update(subscriptionGroupConfig('CG1'));
    groups.disableConsume('CG1');
    expect(groups.find('CG1')?.consumeEnable).toBe(false);
    expect(groups.dataVersion.counter).toBe(2);
    expect(await groups.delete('CG1')).toBe(true);
    expect(await groups.delete('CG1')).toBe(false);
    expect(groups.dataVersion.counter).toBe(3);
    expect(groups.wrapper().subscriptionGroupTable.has('CG1')).toBe(false);
    expect(existsSync(subscriptionGroupPath(root))).toBe(true);
  });
});
