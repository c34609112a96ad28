/**
 * The captured 4.9.8 Java consumer sessions (fixtures/remoting push-consumer-clustering,
 * pull-consumer, orderly-consumer, consumer-send-back-retry, broadcast-consumer, and their
 * rmqser- twins with ROCKETMQ binary headers; mqadmin consumerProgress after the push
 * sessions) replayed against a real `mqbroker` process (support/consumer-replay.ts): each
 * request must get an answer of the captured code, serialization, remark presence and
 * header keys, with a body of the captured shape — pulls the same records, JSON bodies the
 * same keys; members get NOTIFY_CONSUMER_IDS_CHANGED before a heartbeat's answer where the
 * capture shows it.
 *
 * The broker runs with longPollingEnable=false (pulls parked for shortPollingTimeMills,
 * 1 s, still woken by arrivals) and 100 ms delay steps, so that pulls the Java broker held
 * for 15 s and retries it delayed 10 s are answered alike within a second.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeConsumeStats } from '../../src/protocol/bodies/consume-stats.js';
import { parseLenientJson } from '../../src/protocol/bodies/lenient-json.js';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import type { RemotingCommand } from '../../src/remoting/remoting-command.js';
import { shapeDifferences } from '../namesrv/support/json-shape.js';
import { temporaryDirectory } from '../namesrv/support/namesrv-process.js';
import { loadManifest } from '../support/fixtures.js';
import { BrokerProcess } from './support/broker-process.js';
import { ConsumerReplay, capturedFrames, type CapturedFrame, type ReplayResult, type ReplayedExchange } from './support/consumer-replay.js';

const SCENARIOS = ['pull-consumer', 'push-consumer-clustering', 'mqadmin-consumerProgress', 'orderly-consumer', 'consumer-send-back-retry', 'broadcast-consumer'];
const SHORT_LEVELS = Array.from({ length: 18 }, (_, i) => `${(i + 1) * 100}ms`).join(' ');
const tmp = temporaryDirectory('consumer-replay-');
const admin = new RemotingClient({ requestTimeoutMs: 10_000 });
let broker: BrokerProcess;

beforeAll(async () => {
  const settings = { brokerName: 'broker-a', listenPort: 0, storePathRootDir: join(tmp.dir, 'store'), mappedFileSizeCommitLog: 8 * 1024 * 1024, longPollingEnable: false, messageDelayLevel: SHORT_LEVELS };
  broker = await BrokerProcess.start(join(tmp.dir, 'broker.conf'), settings, null);
}, 60_000);

afterAll(async () => {
  await admin.shutdown();
  await broker?.stop();
  tmp.remove();
});

function keys(command: RemotingCommand): string[] {
  return Object.keys(command.extFields ?? {}).sort();
}

function expectSameAnswer({ frame, request, captured, ours }: ReplayedExchange, what: string): void {
  if (!captured || !ours) return;
  expect(ours.code, `${what} code (${ours.remark})`).toBe(captured.code);
  expect(ours.serializeType, `${what} serialization`).toBe(request.serializeType);
  expect(ours.remark === null, `${what} remark ${ours.remark}`).toBe(captured.remark === null);
  expect(keys(ours), what).toEqual(keys(captured));
  if (frame.code === RequestCode.PULL_MESSAGE) {
    expect(ours.remark, what).toBe(captured.remark);
    expect(ours.extFields?.['nextBeginOffset'], `${what} nextBeginOffset`).toBe(captured.extFields?.['nextBeginOffset']);
    const records = (answer: RemotingCommand) =>
      decodeMessageRecords(answer.body ?? Buffer.alloc(0)).map((record) => ({ topic: record.topic, queueId: record.queueId, queueOffset: record.queueOffset, body: record.body.toString('base64'), tags: record.properties['TAGS'] }));
    expect(records(ours), `${what} records`).toEqual(records(captured));
    return;
  }
  expect((ours.body?.length ?? 0) > 0, `${what} body`).toBe((captured.body?.length ?? 0) > 0);
  if (captured.body && captured.body.length > 0 && captured.body[0] === 0x7b) {
    expect(shapeDifferences(parseLenientJson(captured.body), parseLenientJson(ours.body ?? Buffer.from('null'))), `${what} body shape`).toEqual([]);
  }
}

/** Where the capture shows NOTIFY_CONSUMER_IDS_CHANGED before a heartbeat's answer, ours has one there too. */
function expectNotifiedBeforeAnswer(result: ReplayResult, exchange: ReplayedExchange, manifestFrames: CapturedFrame[]): void {
  if (exchange.request.code !== RequestCode.HEART_BEAT || !exchange.ours) return;
  const answerAt = manifestFrames.find((frame) => frame.requestIndex === exchange.frame.index && frame.connection === exchange.frame.connection)?.index ?? Infinity;
  const capturedNotify = manifestFrames.some((frame) => frame.connection === exchange.frame.connection && frame.code === RequestCode.NOTIFY_CONSUMER_IDS_CHANGED && frame.rpcType === 'request' && frame.index > exchange.frame.index && frame.index < answerAt);
  if (!capturedNotify) return;
  const received = result.received.get(exchange.frame.connection) ?? [];
  const answerPosition = received.indexOf(exchange.ours);
  expect(received.slice(0, answerPosition).some((command) => command.code === RequestCode.NOTIFY_CONSUMER_IDS_CHANGED && (command.flag & 1) === 0), `NOTIFY before the answer to heartbeat ${exchange.frame.index}`).toBe(true);
}

describe.each(SCENARIOS.flatMap((scenario) => [scenario, `rmqser-${scenario}`]))('%s replayed against mqbroker', (scenario) => {
  it('gets answers of the captured codes, header keys and body shapes', async () => {
    const manifest = loadManifest(scenario);
    const replay = new ConsumerReplay(manifest, broker.address, broker.port, admin);
    await replay.createTopics();
    await replay.prefill();
    const result = await replay.replay();
    const answered = result.exchanges.filter((exchange) => exchange.captured && exchange.ours);
    expect(answered.length).toBeGreaterThan(0);
    for (const exchange of answered) {
      const what = `${scenario} #${exchange.frame.index} ${exchange.frame.codeName}`;
      expectSameAnswer(exchange, what);
      expectNotifiedBeforeAnswer(result, exchange, capturedFrames(manifest));
    }
    if (scenario.endsWith('mqadmin-consumerProgress')) {
      const [stats] = answered.filter((exchange) => exchange.request.code === RequestCode.GET_CONSUME_STATS);
      const view = (answer: RemotingCommand | null) =>
        [...decodeConsumeStats(answer?.body ?? Buffer.alloc(0)).offsetTable].map(([queue, offsets]) => [queue, offsets.brokerOffset, offsets.consumerOffset, offsets.lastTimestamp > 0]).sort();
      expect(view(stats?.ours ?? null)).toEqual(view(stats?.captured ?? null));
    }
    expect(answered.filter((exchange) => exchange.ours?.code === ResponseCode.SYSTEM_ERROR).map((exchange) => exchange.ours?.remark)).toEqual(
      answered.filter((exchange) => exchange.captured?.code === ResponseCode.SYSTEM_ERROR).map((exchange) => exchange.captured?.remark),
    );
  }, 60_000);
});
