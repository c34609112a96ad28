import { afterEach, describe, expect, it } from 'vitest';
import { NotifyConsumerIdsChangedRequestHeader } from '../../protocol/headers/notify-consumer-ids-changed-request-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import { RemotingClient } from '../../remoting/client.js';
import type { RemotingConnection } from '../../remoting/connection.js';
import { RPC_ONEWAY, type RemotingCommand } from '../../remoting/remoting-command.js';
import { RemotingServer } from '../../remoting/server.js';
import type { ConsumerData } from '../../protocol/bodies/heartbeat-data.js';
import { ConsumerManager } from './consumer-manager.js';
import { consumerIdsChangedNotifier, notifyConsumerIdsChanged, type OnewayChannel } from './broker-to-client.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server and a client connected to it; the client records the requests the server sends. */
async function connectedPair(): Promise<{ serverSide: RemotingConnection; received: RemotingCommand[]; arrived: Promise<void> }> {
  const server = new RemotingServer();
  const connected = new Promise<RemotingConnection>((resolve) => server.onConnection(resolve));
  const { host, port } = await server.listen();
  const client = new RemotingClient();
  const received: RemotingCommand[] = [];
  let signal: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => (signal = resolve));
  client.registerHandler(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, (request) => {
    received.push(request);
    signal();
    return null;
  });
  await client.connection(`${host}:${port}`);
  cleanups.push(() => server.close(), () => client.shutdown());
  return { serverSide: await connected, received, arrived };
}

describe('notifyConsumerIdsChanged', () => {
  it('sends NOTIFY_CONSUMER_IDS_CHANGED (40) oneway with the consumerGroup header', async () => {
    const { serverSide, received, arrived } = await connectedPair();
    expect(notifyConsumerIdsChanged([serverSide], 'CG1')).toBe(1);
    await arrived;
    const [request] = received;
    expect(request?.code).toBe(40);
    expect((request?.flag ?? 0) & RPC_ONEWAY).toBe(RPC_ONEWAY);
    expect(NotifyConsumerIdsChangedRequestHeader.decode(request?.extFields)).toEqual({ consumerGroup: 'CG1' });
    expect(request?.body).toBeNull();
  });

  it('skips closed connections and goes on after a failed send', () => {
    const sent: RemotingCommand[] = [];
    const ok: OnewayChannel = { closed: false, remoteAddress: 'a', invokeOneway: (request) => void sent.push(request) };
    const closed: OnewayChannel = { closed: true, remoteAddress: 'b', invokeOneway: () => expect.fail('sent on a closed connection') };
    const failing: OnewayChannel = {
      closed: false,
      remoteAddress: 'c',
      invokeOneway: () => {
        throw new Error('socket gone');
      },
    };
    expect(notifyConsumerIdsChanged([failing, closed, ok, ok], 'CG')).toBe(2);
    expect(sent).toHaveLength(2);
    expect(sent[0]).not.toBe(sent[1]);
  });
});

describe('consumerIdsChangedNotifier', () => {
  it('makes a heartbeat of a new member notify every member over the wire', async () => {
    const { serverSide, received, arrived } = await connectedPair();
    const consumers = new ConsumerManager<RemotingConnection>({ listener: consumerIdsChangedNotifier() });
    const data: ConsumerData = {
      groupName: 'CG1',
      consumeType: 'CONSUME_PASSIVELY',
      messageModel: 'CLUSTERING',
      consumeFromWhere: 'CONSUME_FROM_LAST_OFFSET',
      subscriptionDataSet: [],
      unitMode: false,
    };
    consumers.registerConsumer(data, { connection: serverSide, clientId: 'c1', language: 'JAVA', version: 409 }, true);
    await arrived;
    expect(received.map((request) => request.extFields?.['consumerGroup'])).toEqual(['CG1']);
  });

  it('sends nothing while the broker setting is off', () => {
    const sent: RemotingCommand[] = [];
    const channel = { id: 1, closed: false, remoteAddress: 'a', invokeOneway: (request: RemotingCommand) => void sent.push(request) };
    consumerIdsChangedNotifier<typeof channel>(() => false).idsChanged?.('CG', [channel]);
    expect(sent).toEqual([]);
  });
});
