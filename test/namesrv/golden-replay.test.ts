/**
 * Golden replay: a real `mqnamesrv` process receives, byte for byte, the requests a
 * RocketMQ 4.9.8 broker, the Java clients and mqadmin sent to a 4.9.8 name server
 * (../shared/fixtures/remoting), and must answer them as that name server did: same code,
 * remark and header fields, in the request's serialization, with a body of the same shape
 * (standard JSON; QueueData may add `topicSynFlag`) and, for routes, cluster info and topic
 * lists, the same values.
 *
 * Order: the JSON broker registers (9 system topics); the look-ups the name server answered
 * 17 TOPIC_NOT_EXIST are replayed then, while those topics are still unknown; the
 * ROCKETMQ-header broker registration brings the full table (36 topics); every other
 * captured look-up follows; then QUERY_DATA_VERSION and UNREGISTER_BROKER.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeClusterInfo } from '../../src/protocol/bodies/cluster-info.js';
import { decodeTopicList } from '../../src/protocol/bodies/topic-list.js';
import { decodeTopicRouteData } from '../../src/protocol/bodies/topic-route-data.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { SerializeType } from '../../src/protocol/serialize-type.js';
import { createRequest, decodeCommand, encodeCommand, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { loadFrame, loadManifest, scenarioNames, type ManifestFrame } from '../support/fixtures.js';
import { RawPeer } from '../support/raw-socket.js';
import { exchange } from './support/exchange.js';
import { shapeDifferences } from './support/json-shape.js';
import { NamesrvProcess, temporaryDirectory } from './support/namesrv-process.js';

interface CapturedExchange {
  scenario: string;
  request: ManifestFrame;
  response: ManifestFrame | null;
}

function namesrvExchanges(scenario: string): CapturedExchange[] {
  const frames = loadManifest(scenario).frames.filter((frame) => frame.peer === 'namesrv');
  return frames
    .filter((frame) => frame.rpcType === 'request' && frame.direction === 'c2s')
    .map((request) => ({
      scenario,
      request,
      response: frames.find((frame) => frame.rpcType === 'response' && (frame as { requestIndex?: number }).requestIndex === request.index) ?? null,
    }));
}

const lookupCodes: ReadonlySet<number> = new Set([
  RequestCode.GET_ROUTEINFO_BY_TOPIC,
  RequestCode.GET_BROKER_CLUSTER_INFO,
  RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER,
]);

const allLookups = scenarioNames()
  .flatMap(namesrvExchanges)
  .filter((exchange) => lookupCodes.has(exchange.request.code) && exchange.response !== null);
const notFoundLookups = allLookups.filter((exchange) => exchange.response?.code === ResponseCode.TOPIC_NOT_EXIST);
const foundLookups = allLookups.filter((exchange) => exchange.response?.code !== ResponseCode.TOPIC_NOT_EXIST);

function capturedBody(scenario: string, frame: ManifestFrame): Buffer {
  return decodeCommand(loadFrame(scenario, frame.file).subarray(4)).body ?? Buffer.alloc(0);
}

/** Checks our answer against the captured one; `what` names the exchange in failures. */
function expectSameAnswer(exchange: CapturedExchange, ours: RemotingCommand | null): void {
  const captured = exchange.response;
  const what = `${exchange.scenario} #${exchange.request.index} (${exchange.request.code})`;
  if (!captured) throw new Error(`${what}: no captured answer`);
  expect(ours, what).not.toBeNull();
  if (!ours) return;
  expect({ code: ours.code, remark: ours.remark, extFields: { ...(ours.extFields ?? {}) } }, what).toEqual({
    code: captured.code,
    remark: captured.header.remark,
    extFields: captured.header.extFields ?? {},
  });
  expect(ours.serializeType, what).toBe(captured.serializeType === 'JSON' ? SerializeType.JSON : SerializeType.ROCKETMQ);
  if (captured.bodyLength === 0) {
    expect(ours.body?.length ?? 0, what).toBe(0);
    return;
  }
  const ourBody = ours.body ?? Buffer.alloc(0);
  const ourJson: unknown = JSON.parse(ourBody.toString('utf8'));
  expect(shapeDifferences(captured.bodyJson, ourJson, new Set(['topicSynFlag'])), what).toEqual([]);
  expectSameValues(exchange.request.code, capturedBody(exchange.scenario, captured), ourBody, what);
}

function expectSameValues(code: number, captured: Buffer, ours: Buffer, what: string): void {
  switch (code) {
    case RequestCode.GET_ROUTEINFO_BY_TOPIC:
      expect(decodeTopicRouteData(ours), what).toEqual(decodeTopicRouteData(captured));
      break;
    case RequestCode.GET_BROKER_CLUSTER_INFO:
      expect(decodeClusterInfo(ours), what).toEqual(decodeClusterInfo(captured));
      break;
    case RequestCode.GET_ALL_TOPIC_LIST_FROM_NAMESERVER:
      expect(decodeTopicList(ours).topicList.sort(), what).toEqual(decodeTopicList(captured).topicList.sort());
      break;
    default:
      expect(JSON.parse(ours.toString('utf8')), what).toEqual(JSON.parse(captured.toString('utf8')));
  }
}

async function replay(peer: RawPeer, exchanges: readonly CapturedExchange[]): Promise<void> {
  for (const exchangeToReplay of exchanges) {
    const answer = await exchange(peer, loadFrame(exchangeToReplay.scenario, exchangeToReplay.request.file));
    if (exchangeToReplay.request.oneway) expect(answer).toBeNull();
    else expectSameAnswer(exchangeToReplay, answer);
  }
}

/** Replays look-ups on one connection per scenario, as the clients had them. */
async function replayLookups(port: number, exchanges: readonly CapturedExchange[]): Promise<void> {
  for (const scenario of new Set(exchanges.map((item) => item.scenario))) {
    const peer = await RawPeer.open(port);
    try {
      await replay(peer, exchanges.filter((item) => item.scenario === scenario));
    } finally {
      peer.destroy();
    }
  }
}

describe('mqnamesrv answers the requests captured from RocketMQ 4.9.8 like its name server', () => {
  const tmp = temporaryDirectory('namesrv-golden-');
  let namesrv: NamesrvProcess;
  let broker: RawPeer;

  beforeAll(async () => {
    namesrv = await NamesrvProcess.start(`${tmp.dir}/namesrv.conf`, { listenPort: 0, kvConfigPath: `${tmp.dir}/kvConfig.json` });
    broker = await RawPeer.open(namesrv.port);
  });

  afterAll(async () => {
    broker?.destroy();
    await namesrv?.stop();
    tmp.remove();
  });

  it('prints RocketMQ\'s boot line and where it listens', () => {
    expect(namesrv.output).toContain('The Name Server boot success. serializeType=JSON');
    expect(namesrv.address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('registers the broker from its JSON REGISTER_BROKER requests (sync and oneway)', async () => {
    const registrations = namesrvExchanges('broker-register');
    expect(registrations.map((item) => item.request.code)).toEqual([103, 103, 103, 103]);
    await replay(broker, registrations);
  });

  it('answers 17 TOPIC_NOT_EXIST with RocketMQ\'s remark for topics no broker serves yet', async () => {
    expect(notFoundLookups.length).toBeGreaterThan(10);
    await replayLookups(namesrv.port, notFoundLookups);
  });

  it('takes the broker\'s REGISTER_BROKER requests with ROCKETMQ headers and answers in that serialization', async () => {
    const registrations = namesrvExchanges('rmqser-broker-register');
    expect(registrations.map((item) => item.request.serializeType)).toEqual(['ROCKETMQ', 'ROCKETMQ', 'ROCKETMQ']);
    await replay(broker, registrations);
  });

  it('answers every captured route, cluster-info and topic-list request with the captured values', async () => {
    const codes = new Set(foundLookups.map((item) => item.request.code));
    expect([...codes].sort()).toEqual([105, 106, 206]);
    expect(new Set(foundLookups.map((item) => item.request.serializeType))).toEqual(new Set(['JSON', 'ROCKETMQ']));
    await replayLookups(namesrv.port, foundLookups);
  });

  it('answers QUERY_DATA_VERSION: unchanged, with its copy of the broker\'s DataVersion', async () => {
    const queries = namesrvExchanges('broker-register-no-force').filter((item) => item.request.code === RequestCode.QUERY_DATA_VERSION);
    expect(queries).toHaveLength(2);
    await replay(broker, queries);
  });

  it('drops the broker on UNREGISTER_BROKER (JSON and ROCKETMQ headers), after which its topics are unknown', async () => {
    await replay(broker, [...namesrvExchanges('broker-shutdown'), ...namesrvExchanges('rmqser-broker-shutdown')]);
    const lookup = createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, { extFields: { topic: 'TBW102' } });
    const answer = await exchange(broker, encodeCommand({ ...lookup, opaque: 9001 }));
    expect(answer?.code).toBe(ResponseCode.TOPIC_NOT_EXIST);
  });
});
