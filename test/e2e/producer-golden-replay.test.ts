/**
 * The captured 4.9.8 Java producer sessions (fixtures/remoting/producer-* and their
 * rmqser- twins with ROCKETMQ binary headers), replayed byte for byte against real
 * `mqnamesrv` and `mqbroker` child processes: every request the client sent goes to our
 * server of the same kind on a connection of its own, and every answer must have the
 * captured shape — code, serialization, header keys, msgId format (32 upper-case hex
 * digits, one per message, comma-joined for a batch), remark presence, body JSON shape —
 * and every message sent must be stored as the Java broker stores it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBatch } from '../../src/protocol/message/batch.js';
import { parseOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { decodeProperties } from '../../src/protocol/message/properties.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest, decodeCommand, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { exchange } from '../namesrv/support/exchange.js';
import { shapeDifferences } from '../namesrv/support/json-shape.js';
import { NamesrvProcess, temporaryDirectory } from '../namesrv/support/namesrv-process.js';
import { loadFrame, loadManifest, type Manifest } from '../support/fixtures.js';
import { RawPeer } from '../support/raw-socket.js';
import { BrokerProcess } from './support/broker-process.js';

const SCENARIOS = ['producer-sync-send', 'producer-batch-send', 'producer-compressed-send', 'producer-oneway-send', 'producer-auto-create-topic'];
/** Keys our name server adds to route bodies (QueueData also carries the pre-4.9 spelling). */
const ALLOWED_EXTRA_BODY_KEYS = new Set(['topicSynFlag']);

const tmp = temporaryDirectory('producer-replay-');
const client = new RemotingClient();
let nameServer: NamesrvProcess;
let broker: BrokerProcess;

beforeAll(async () => {
  nameServer = await NamesrvProcess.start(join(tmp.dir, 'namesrv.conf'), { listenPort: 0, kvConfigPath: join(tmp.dir, 'kv.json') });
  broker = await BrokerProcess.start(join(tmp.dir, 'broker.conf'), { brokerName: 'broker-a', listenPort: 0, storePathRootDir: join(tmp.dir, 'store'), mappedFileSizeCommitLog: 8 * 1024 * 1024 }, nameServer.address);
  for (const topic of ['GoldenTopic', 'GoldenTopic_rmq']) {
    const extFields = { topic, defaultTopic: 'TBW102', readQueueNums: '2', writeQueueNums: '2', perm: '6', topicFilterType: 'SINGLE_TAG', topicSysFlag: '0', order: 'false' };
    expect((await client.invoke(broker.address, createRequest(RequestCode.UPDATE_AND_CREATE_TOPIC, { extFields }))).code).toBe(0);
  }
}, 60_000);

afterAll(async () => {
  await client.shutdown();
  await broker?.stop();
  await nameServer?.stop();
  tmp.remove();
});

interface Sent {
  request: RemotingCommand;
  answer: RemotingCommand | null;
}

/** Replays the client's frames of a scenario; returns each request with our answer. */
async function replay(manifest: Manifest): Promise<{ pairs: { captured: RemotingCommand; ours: RemotingCommand }[]; sends: Sent[] }> {
  const clientConnections = new Set(manifest.frames.length > 0 ? connectionsOpenedByClient(manifest) : []);
  const peers = new Map<number, RawPeer>();
  const pairs: { captured: RemotingCommand; ours: RemotingCommand }[] = [];
  const sends: Sent[] = [];
  try {
    for (const frame of manifest.frames) {
      if (frame.direction !== 'c2s' || frame.rpcType !== 'request' || !clientConnections.has(frame.connection)) continue;
      let peer = peers.get(frame.connection);
      if (!peer) {
        peer = await RawPeer.open(frame.peer === 'broker' ? broker.port : nameServer.port);
        peers.set(frame.connection, peer);
      }
      const bytes = loadFrame(manifest.scenario, frame.file);
      const request = decodeCommand(bytes.subarray(4));
      const ours = await exchange(peer, bytes);
      if (frame.code === RequestCode.SEND_MESSAGE_V2 || frame.code === RequestCode.SEND_BATCH_MESSAGE) sends.push({ request, answer: ours });
      const capturedFrame = manifest.frames.find((other) => (other as { requestIndex?: number | null }).requestIndex === frame.index && other.connection === frame.connection);
      if (ours && capturedFrame) pairs.push({ captured: decodeCommand(loadFrame(manifest.scenario, capturedFrame.file).subarray(4)), ours });
    }
  } finally {
    for (const peer of peers.values()) peer.destroy();
  }
  return { pairs, sends };
}

function connectionsOpenedByClient(manifest: Manifest): number[] {
  const raw = (manifest as unknown as { connections: { connection: number; opener: string }[] }).connections;
  return raw.filter((connection) => connection.opener === 'client').map((connection) => connection.connection);
}

function expectSameShape(captured: RemotingCommand, ours: RemotingCommand, what: string): void {
  expect(ours.code, what).toBe(captured.code);
  expect(ours.serializeType, what).toBe(captured.serializeType);
  expect(ours.remark === null, `${what} remark ${ours.remark}`).toBe(captured.remark === null);
  if (captured.code === ResponseCode.TOPIC_NOT_EXIST) expect(ours.remark, what).toBe(captured.remark);
  expect(Object.keys(ours.extFields ?? {}).sort(), what).toEqual(Object.keys(captured.extFields ?? {}).sort());
  const capturedIds = captured.extFields?.['msgId'];
  if (capturedIds !== undefined) {
    const ids = (ours.extFields?.['msgId'] ?? '').split(',');
    expect(ids.length, what).toBe(capturedIds.split(',').length);
    for (const id of ids) expect(id, what).toMatch(/^7F000001[0-9A-F]{24}$/);
    expect(ours.extFields?.['queueOffset'], what).toMatch(/^\d+$/);
    expect(ours.extFields?.['MSG_REGION'], what).toBe('DefaultRegion');
    expect(ours.extFields?.['TRACE_ON'], what).toBe('true');
  }
  expect(ours.body !== null && ours.body.length > 0, what).toBe(captured.body !== null && captured.body.length > 0);
  if (captured.body && captured.body.length > 0 && captured.body[0] === 0x7b) {
    expect(shapeDifferences(JSON.parse(captured.body.toString()), JSON.parse(ours.body?.toString() ?? 'null'), ALLOWED_EXTRA_BODY_KEYS), what).toEqual([]);
  }
}

/** The messages a send carried, as the broker must store them. */
function expectedMessages(request: RemotingCommand): { body: Buffer; properties: Record<string, string> }[] {
  const header = request.extFields ?? {};
  const own = decodeProperties(header['i'] ?? '');
  if (header['m'] === 'true') {
    return decodeBatch(request.body ?? Buffer.alloc(0)).map((entry) => ({ body: entry.body, properties: { ...entry.properties, ...own, CLUSTER: 'DefaultCluster' } }));
  }
  const { WAIT: wait, ...rest } = own;
  return [{ body: request.body ?? Buffer.alloc(0), properties: { ...rest, ...(wait === 'false' ? { WAIT: 'false' } : {}), CLUSTER: 'DefaultCluster' } }];
}

async function expectStored(sent: Sent, topic: string): Promise<void> {
  const ids = (sent.answer?.extFields?.['msgId'] ?? '').split(',');
  const expected = expectedMessages(sent.request);
  expect(ids).toHaveLength(expected.length);
  for (const [index, id] of ids.entries()) {
    const offset = String(parseOffsetMessageId(id).commitLogOffset);
    const view = await client.invoke(broker.address, createRequest(RequestCode.VIEW_MESSAGE_BY_ID, { extFields: { offset } }));
    const [record] = decodeMessageRecords(view.body ?? Buffer.alloc(0));
    expect(record?.topic).toBe(topic);
    expect(record?.body.equals(expected[index]?.body ?? Buffer.alloc(0))).toBe(true);
    expect({ ...record?.properties }).toEqual(expected[index]?.properties);
    expect(record?.sysFlag).toBe(Number(sent.request.extFields?.['f']));
  }
}

describe.each(SCENARIOS.flatMap((scenario) => [scenario, `rmqser-${scenario}`]))('%s replayed against mqnamesrv + mqbroker', (scenario) => {
  it('gets answers of the captured shapes, and the messages are stored as sent', async () => {
    const manifest = loadManifest(scenario);
    const { pairs, sends } = await replay(manifest);
    expect(pairs.length).toBeGreaterThan(0);
    for (const { captured, ours } of pairs) expectSameShape(captured, ours, `${scenario}: answer to opaque ${captured.opaque}`);
    expect(sends.length).toBeGreaterThan(0);
    for (const sent of sends) {
      const topic = sent.request.extFields?.['b'] ?? '';
      if (sent.answer) await expectStored(sent, topic);
      else {
        const key = decodeProperties(sent.request.extFields?.['i'] ?? '')['KEYS'] ?? '';
        const query = createRequest(RequestCode.QUERY_MESSAGE, { extFields: { topic, key, maxNum: '32', beginTimestamp: '0', endTimestamp: String(Date.now() + 60_000) } });
        await expect.poll(async () => (await client.invoke(broker.address, query)).code).toBe(ResponseCode.SUCCESS);
      }
    }
    if (scenario.endsWith('auto-create-topic')) {
      const topic = sends[0]?.request.extFields?.['b'] ?? '';
      const route = createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic } });
      await expect.poll(async () => (await client.invoke(nameServer.address, route)).code).toBe(ResponseCode.SUCCESS);
    }
  });
});
