import { describe, expect, it } from 'vitest';
import type { ClientIdentity } from './client-channel.js';
import { ProducerManager } from './producer-manager.js';

interface FakeConnection {
  id: number;
  remoteAddress: string;
  closed?: boolean;
}

const connections = new Map<number, FakeConnection>();
const connection = (id: number): FakeConnection => {
  let existing = connections.get(id);
  if (!existing) {
    existing = { id, remoteAddress: `127.0.0.1:${50000 + id}` };
    connections.set(id, existing);
  }
  return existing;
};
const client = (id: number, clientId = `10.0.0.1@${id}`): ClientIdentity<FakeConnection> => ({
  connection: connection(id),
  clientId,
  language: 'JAVA',
  version: 409,
});

const clock = { now: 0 };

/** A heartbeat arriving at time `now`. */
function registerAt(producers: ProducerManager<FakeConnection>, group: string, from: ClientIdentity<FakeConnection>, now: number) {
  clock.now = now;
  return producers.registerProducer(group, from);
}

describe('ProducerManager', () => {
  it('registers producers per group and refreshes known channels', () => {
    const producers = new ProducerManager<FakeConnection>({ now: () => clock.now });
    expect(registerAt(producers, 'PG', client(1), 0)).toEqual({ ok: true, added: true });
    expect(registerAt(producers, 'PG', client(1), 30_000)).toEqual({ ok: true, added: false });
    expect(registerAt(producers, 'CLIENT_INNER_PRODUCER', client(1), 0)).toEqual({ ok: true, added: true });
    expect(producers.channelsOf('PG').map((info) => [info.clientId, info.lastUpdateTimestamp])).toEqual([['10.0.0.1@1', 30_000]]);
    expect(producers.groupNames().sort()).toEqual(['CLIENT_INNER_PRODUCER', 'PG']);
  });

  it('finds a client connection by clientId while it is in any producer group', () => {
    const producers = new ProducerManager<FakeConnection>({ now: () => clock.now });
    registerAt(producers, 'PG1', client(1), 0);
    registerAt(producers, 'PG2', client(1), 0);
    expect(producers.findConnection('10.0.0.1@1')).toBe(connection(1));
    producers.unregisterProducer('PG1', connection(1));
    expect(producers.findConnection('10.0.0.1@1')).toBe(connection(1));
    producers.unregisterProducer('PG2', connection(1));
    expect(producers.findConnection('10.0.0.1@1')).toBeUndefined();
    expect(producers.groupCount).toBe(0);
  });

  it('picks live connections of a group in turn for transaction checks', () => {
    const producers = new ProducerManager<FakeConnection>({ now: () => clock.now });
    for (const id of [11, 12, 13]) registerAt(producers, 'TPG', client(id), 0);
    const picked = new Set<number>();
    for (let i = 0; i < 6; i++) picked.add(producers.availableConnection('TPG')?.id ?? -1);
    expect([...picked].sort()).toEqual([11, 12, 13]);
    connection(11).closed = true;
    connection(12).closed = true;
    for (let i = 0; i < 5; i++) expect(producers.availableConnection('TPG')?.id).toBe(13);
    connection(13).closed = true;
    expect(producers.availableConnection('TPG')).toBeUndefined();
    expect(producers.availableConnection('nobody')).toBeUndefined();
  });

  it('a closed connection leaves every producer group', () => {
    const producers = new ProducerManager<FakeConnection>({ now: () => clock.now });
    registerAt(producers, 'PG1', client(21), 0);
    registerAt(producers, 'PG2', client(21), 0);
    registerAt(producers, 'PG2', client(22), 0);
    expect(producers.connectionClosed(connection(21)).sort()).toEqual(['PG1', 'PG2']);
    expect(producers.groupNames()).toEqual(['PG2']);
    expect(producers.findConnection('10.0.0.1@21')).toBeUndefined();
    expect(producers.channelEntryCount).toBe(1);
  });

  it('expires channels silent for more than 120 s', () => {
    const producers = new ProducerManager<FakeConnection>({ now: () => clock.now });
    registerAt(producers, 'PG', client(31), 0);
    registerAt(producers, 'PG', client(32), 0);
    registerAt(producers, 'PG', client(32), 100_000);
    expect(producers.scanExpired(120_000)).toEqual([]);
    expect(producers.scanExpired(120_001).map((e) => [e.group, e.info.clientId])).toEqual([['PG', '10.0.0.1@31']]);
    expect(producers.channelsOf('PG').map((info) => info.clientId)).toEqual(['10.0.0.1@32']);
  });

  it('refuses past maxGroups and maxChannels', () => {
    const producers = new ProducerManager<FakeConnection>({ maxGroups: 1, maxChannels: 2, now: () => clock.now });
    registerAt(producers, 'PG', client(41), 0);
    expect(registerAt(producers, 'PG2', client(41), 0)).toMatchObject({ ok: false, limit: 'maxGroups', responseCode: 2 });
    registerAt(producers, 'PG', client(42), 0);
    expect(registerAt(producers, 'PG', client(43), 0)).toMatchObject({ ok: false, limit: 'maxChannels' });
    expect(producers.channelEntryCount).toBe(2);
  });
});
