import { describe, expect, it } from 'vitest';
import type { ConsumerData } from '../../protocol/bodies/heartbeat-data.js';
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import { buildTagSubscription } from '../filter/build-subscription.js';
import type { ClientIdentity } from './client-channel.js';
import { ConsumerManager, type ConsumerGroupListener } from './consumer-manager.js';

interface FakeConnection {
  id: number;
  remoteAddress: string;
}

const connection = (id: number): FakeConnection => ({ id, remoteAddress: `127.0.0.1:${40000 + id}` });
const client = (id: number, clientId = `127.0.0.1@${id}`): ClientIdentity<FakeConnection> => ({
  connection: connection(id),
  clientId,
  language: 'JAVA',
  version: 409,
});
const subscription = (topic: string, expression = '*', subVersion = 1): SubscriptionData => buildTagSubscription(topic, expression, subVersion);

function consumerData(group: string, subscriptions: SubscriptionData[], overrides: Partial<ConsumerData> = {}): ConsumerData {
  return {
    groupName: group,
    consumeType: 'CONSUME_PASSIVELY',
    messageModel: 'CLUSTERING',
    consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
    subscriptionDataSet: subscriptions,
    unitMode: false,
    ...overrides,
  };
}

interface Recorded {
  changes: { group: string; ids: number[] }[];
  removed: string[];
  registered: string[];
}

const clock = { now: 0 };

/** A heartbeat arriving at time `now`. */
function registerAt(manager: ConsumerManager<FakeConnection>, data: ConsumerData, from: ClientIdentity<FakeConnection>, notify: boolean, now: number) {
  clock.now = now;
  return manager.registerConsumer(data, from, notify);
}

function setup(options: { maxGroups?: number; maxChannels?: number; maxSubscriptionsPerGroup?: number } = {}) {
  const recorded: Recorded = { changes: [], removed: [], registered: [] };
  const listener: ConsumerGroupListener<FakeConnection> = {
    idsChanged: (group, connections) => recorded.changes.push({ group, ids: connections.map((c) => c.id).sort() }),
    groupRemoved: (group) => recorded.removed.push(group),
    registered: (group) => recorded.registered.push(group),
  };
  return { manager: new ConsumerManager<FakeConnection>({ listener, now: () => clock.now, ...options }), recorded };
}

describe('ConsumerManager: registration', () => {
  it('registers a group from a heartbeat with its consume settings and subscriptions, and notifies the members', () => {
    const { manager, recorded } = setup();
    const outcome = registerAt(manager, 
      consumerData('CG1', [subscription('TopicTest', 'TagA'), subscription('%RETRY%CG1')], { consumeFromWhere: 'CONSUME_FROM_FIRST_OFFSET' }),
      client(1),
      true,
      1000,
    );
    expect(outcome).toEqual({ ok: true, changed: true });
    const group = manager.findGroup('CG1');
    expect(group?.consumeType).toBe('CONSUME_PASSIVELY');
    expect(group?.messageModel).toBe('CLUSTERING');
    expect(group?.consumeFromWhere).toBe('CONSUME_FROM_FIRST_OFFSET');
    expect(manager.consumerIds('CG1')).toEqual(['127.0.0.1@1']);
    expect(manager.findSubscription('CG1', 'TopicTest')?.tagsSet).toEqual(['TagA']);
    expect(recorded.changes).toEqual([{ group: 'CG1', ids: [1] }]);
    expect(recorded.registered).toEqual(['CG1']);
  });

  it('a repeated heartbeat only refreshes the channel and notifies nobody', () => {
    const { manager, recorded } = setup();
    const data = consumerData('CG1', [subscription('TopicTest')]);
    registerAt(manager, data, client(1), true, 1000);
    expect(registerAt(manager, data, client(1), true, 31_000)).toEqual({ ok: true, changed: false });
    expect(manager.findChannel('CG1', '127.0.0.1@1')?.lastUpdateTimestamp).toBe(31_000);
    expect(recorded.changes).toHaveLength(1);
  });

  it('a new member notifies every member, including the new one', () => {
    const { manager, recorded } = setup();
    const data = consumerData('CG1', [subscription('TopicTest')]);
    registerAt(manager, data, client(1), true, 1000);
    registerAt(manager, data, client(2), true, 1000);
    expect(recorded.changes.at(-1)).toEqual({ group: 'CG1', ids: [1, 2] });
    expect(manager.consumerIds('CG1').sort()).toEqual(['127.0.0.1@1', '127.0.0.1@2']);
  });

  it('does not notify when the group config disables it, but still registers', () => {
    const { manager, recorded } = setup();
    expect(registerAt(manager, consumerData('CG1', [subscription('T')]), client(1), false, 0)).toEqual({ ok: true, changed: true });
    expect(recorded.changes).toEqual([]);
    expect(manager.consumerIds('CG1')).toHaveLength(1);
  });

  it('keeps the newest subVersion per topic; only a changed topic set counts as a change', () => {
    const { manager, recorded } = setup();
    registerAt(manager, consumerData('CG1', [subscription('T', 'TagA', 5)]), client(1), true, 0);
    registerAt(manager, consumerData('CG1', [subscription('T', 'TagB', 4)]), client(1), true, 0);
    expect(manager.findSubscription('CG1', 'T')?.subString).toBe('TagA');
    registerAt(manager, consumerData('CG1', [subscription('T', 'TagC', 6)]), client(1), true, 0);
    expect(manager.findSubscription('CG1', 'T')?.subString).toBe('TagC');
    expect(recorded.changes).toHaveLength(1);
    registerAt(manager, consumerData('CG1', [subscription('U', '*', 7)]), client(1), true, 0);
    expect(manager.findSubscription('CG1', 'T')).toBeUndefined();
    expect(manager.findSubscription('CG1', 'U')).toBeDefined();
    expect(recorded.changes).toHaveLength(2);
  });

  it('a different clientId on a known connection replaces the channel without a change', () => {
    const { manager } = setup();
    const data = consumerData('CG1', [subscription('T')]);
    registerAt(manager, data, client(1, 'old'), true, 0);
    expect(registerAt(manager, data, client(1, 'new'), true, 5)).toEqual({ ok: true, changed: false });
    expect(manager.consumerIds('CG1')).toEqual(['new']);
    expect(manager.channelEntryCount).toBe(1);
  });

  it('answers groups subscribed to a topic (QUERY_TOPIC_CONSUME_BY_WHO)', () => {
    const { manager } = setup();
    registerAt(manager, consumerData('CG1', [subscription('T'), subscription('U')]), client(1), true, 0);
    registerAt(manager, consumerData('CG2', [subscription('T')]), client(2), true, 0);
    expect(manager.groupsSubscribedTo('T').sort()).toEqual(['CG1', 'CG2']);
    expect(manager.groupsSubscribedTo('U')).toEqual(['CG1']);
    expect(manager.groupsSubscribedTo('V')).toEqual([]);
    expect(manager.consumerIds('nobody')).toEqual([]);
  });
});

describe('ConsumerManager: leaving', () => {
  it('UNREGISTER_CLIENT removes the channel, notifies the rest and drops an empty group', () => {
    const { manager, recorded } = setup();
    const data = consumerData('CG1', [subscription('T')]);
    registerAt(manager, data, client(1), true, 0);
    registerAt(manager, data, client(2), true, 0);
    recorded.changes.length = 0;
    expect(manager.unregisterConsumer('CG1', connection(1), true)).toBe(true);
    expect(recorded.changes).toEqual([{ group: 'CG1', ids: [2] }]);
    expect(manager.unregisterConsumer('CG1', connection(2), true)).toBe(true);
    expect(manager.findGroup('CG1')).toBeUndefined();
    expect(recorded.removed).toEqual(['CG1']);
    expect(manager.unregisterConsumer('CG1', connection(2), true)).toBe(false);
    expect(manager.channelEntryCount).toBe(0);
  });

  it('a closed connection leaves every group it was in, and their members are notified', () => {
    const { manager, recorded } = setup();
    registerAt(manager, consumerData('CG1', [subscription('T')]), client(1), true, 0);
    registerAt(manager, consumerData('CG2', [subscription('T')]), client(1), true, 0);
    registerAt(manager, consumerData('CG2', [subscription('T')]), client(2), true, 0);
    recorded.changes.length = 0;
    expect(manager.connectionClosed(connection(1)).sort()).toEqual(['CG1', 'CG2']);
    expect(recorded.changes.sort((a, b) => a.group.localeCompare(b.group))).toEqual([
      { group: 'CG1', ids: [] },
      { group: 'CG2', ids: [2] },
    ]);
    expect(manager.groupNames()).toEqual(['CG2']);
    expect(manager.connectionClosed(connection(1))).toEqual([]);
  });

  it('expires channels silent for more than 120 s and returns them for closing', () => {
    const { manager, recorded } = setup();
    const data = consumerData('CG1', [subscription('T')]);
    registerAt(manager, data, client(1), true, 0);
    registerAt(manager, data, client(2), true, 0);
    registerAt(manager, data, client(2), true, 60_000);
    recorded.changes.length = 0;
    expect(manager.scanExpired(120_000)).toEqual([]);
    const expired = manager.scanExpired(120_001);
    expect(expired.map((e) => [e.group, e.info.clientId])).toEqual([['CG1', '127.0.0.1@1']]);
    expect(recorded.changes).toEqual([{ group: 'CG1', ids: [2] }]);
    expect(manager.scanExpired(180_001).map((e) => e.info.clientId)).toEqual(['127.0.0.1@2']);
    expect(manager.groupCount).toBe(0);
    expect(recorded.removed).toEqual(['CG1']);
  });
});

describe('ConsumerManager: bounds', () => {
  it('refuses a new group past maxGroups with SYSTEM_BUSY and keeps nothing of it', () => {
    const { manager } = setup({ maxGroups: 2 });
    registerAt(manager, consumerData('CG1', []), client(1), true, 0);
    registerAt(manager, consumerData('CG2', []), client(1), true, 0);
    const refused = registerAt(manager, consumerData('CG3', []), client(1), true, 0);
    expect(refused).toMatchObject({ ok: false, limit: 'maxGroups', responseCode: 2 });
    expect(manager.groupNames().sort()).toEqual(['CG1', 'CG2']);
    expect(registerAt(manager, consumerData('CG1', []), client(2), true, 0).ok).toBe(true);
  });

  it('refuses a new channel past maxChannels but refreshes known ones', () => {
    const { manager } = setup({ maxChannels: 1 });
    registerAt(manager, consumerData('CG1', []), client(1), true, 0);
    expect(registerAt(manager, consumerData('CG1', []), client(2), true, 0)).toMatchObject({ ok: false, limit: 'maxChannels' });
    expect(registerAt(manager, consumerData('CG1', []), client(1), true, 10)).toEqual({ ok: true, changed: false });
    manager.connectionClosed(connection(1));
    expect(registerAt(manager, consumerData('CG1', []), client(2), true, 0).ok).toBe(true);
  });

  it('refuses a heartbeat with more subscriptions than maxSubscriptionsPerGroup', () => {
    const { manager } = setup({ maxSubscriptionsPerGroup: 1 });
    const outcome = registerAt(manager, consumerData('CG1', [subscription('A'), subscription('B')]), client(1), true, 0);
    expect(outcome).toMatchObject({ ok: false, limit: 'maxSubscriptionsPerGroup' });
    expect(manager.groupCount).toBe(0);
  });

  it('holds nothing after 1,000 clients in 100 groups have all closed', () => {
    const { manager } = setup();
    for (let id = 0; id < 1000; id++) registerAt(manager, consumerData(`CG${id % 100}`, [subscription('T')]), client(id), true, 0);
    expect(manager.channelEntryCount).toBe(1000);
    for (let id = 0; id < 1000; id++) manager.connectionClosed(connection(id));
    expect(manager.groupCount).toBe(0);
    expect(manager.channelEntryCount).toBe(0);
  });
});
