import { describe, expect, it } from 'vitest';
import { RocketMQError } from '../../common/errors.js';
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { MQBrokerError, MQClientError } from '../errors.js';
import { DEFAULT_RETRY_RESPONSE_CODES } from './producer-options.js';
import { sendWithRetries, type SendLoopPolicy } from './send-loop.js';
import type { SendResult, SendStatus } from './send-result.js';

const result = (brokerName: string, sendStatus: SendStatus = 'SEND_OK'): SendResult => ({
  sendStatus,
  msgId: 'U',
  offsetMsgId: 'O',
  messageQueue: { topic: 'T', brokerName, queueId: 0 },
  queueOffset: 0,
  regionId: 'DefaultRegion',
  traceOn: true,
});

type Outcome = SendResult | Error;

/** A scripted send: each attempt takes `latencyMs` and ends with the next outcome. */
function script(outcomes: Outcome[], latencyMs = 5, brokers = ['broker-a', 'broker-b']) {
  let now = 0;
  let turn = 0;
  const latencies: [string, number, boolean][] = [];
  const selected: (string | undefined)[] = [];
  const deps = {
    clock: () => now,
    selectQueue(last: string | undefined): MessageQueue {
      selected.push(last);
      const brokerName = brokers.find((name) => name !== last) ?? (brokers[0] as string);
      return { topic: 'T', brokerName, queueId: 0 };
    },
    async attempt(mq: MessageQueue): Promise<SendResult> {
      now += latencyMs;
      const outcome = outcomes[turn++];
      if (outcome === undefined) throw new Error('no more outcomes');
      if (outcome instanceof Error) throw outcome;
      return { ...outcome, messageQueue: mq };
    },
    recordLatency: (broker: string, latency: number, isolation: boolean) => latencies.push([broker, latency, isolation]),
  };
  return { deps, latencies, selected, attempts: () => turn };
}

const sync: SendLoopPolicy = { mode: 'SYNC', timesTotal: 3, timeoutMs: 3000, retryAnotherBrokerWhenNotStoreOK: false, retryResponseCodes: new Set(DEFAULT_RETRY_RESPONSE_CODES) };
const connectFailed = () => new RocketMQError('CONNECT_FAILED', 'connect refused');

describe('the send retry loop', () => {
  it('a first success is returned at once and its latency recorded', async () => {
    const run = script([result('x')]);
    await expect(sendWithRetries('T', run.deps, sync)).resolves.toMatchObject({ sendStatus: 'SEND_OK' });
    expect(run.latencies).toEqual([['broker-a', 5, false]]);
  });

  it('a transport failure is retried on another broker, recorded as isolation', async () => {
    const run = script([connectFailed(), result('x')]);
    const sent = await sendWithRetries('T', run.deps, sync);
    expect(sent.messageQueue.brokerName).toBe('broker-b');
    expect(run.selected).toEqual([undefined, 'broker-a']);
    expect(run.latencies).toEqual([['broker-a', 5, true], ['broker-b', 5, false]]);
  });

  it('a broker answer in retryResponseCodes is retried, another one is thrown at once', async () => {
    const retried = script([new MQBrokerError(17, 'no topic', 'a'), result('x')]);
    await expect(sendWithRetries('T', retried.deps, sync)).resolves.toBeDefined();
    const thrown = script([new MQBrokerError(13, 'illegal', 'a'), result('x')]);
    await expect(sendWithRetries('T', thrown.deps, sync)).rejects.toMatchObject({ responseCode: 13 });
    expect(thrown.attempts()).toBe(1);
  });

  it('gives up after 1 + retryTimesWhenSendFailed attempts with an error naming the attempts and the brokers', async () => {
    const run = script([connectFailed(), connectFailed(), connectFailed(), result('x')]);
    const failure = sendWithRetries('T', run.deps, sync);
    await expect(failure).rejects.toThrow(/^Send \[3\] times, still failed, cost \[15\]ms, Topic: T, BrokersSent: \[broker-a, broker-b, broker-a\]/);
    await expect(failure).rejects.toMatchObject({ code: 'CLIENT_SEND_FAILED', responseCode: 10001, retriable: true });
    expect(run.attempts()).toBe(3);
  });

  it('the last error is the cause and gives its code', async () => {
    const last = new MQBrokerError(14, 'busy disk', 'a');
    const run = script([connectFailed(), connectFailed(), last]);
    await expect(sendWithRetries('T', run.deps, sync)).rejects.toMatchObject({ cause: last, responseCode: 14 });
  });

  it('client-side failures are retried, message errors are not', async () => {
    const brokerMissing = script([new MQClientError('CLIENT_BROKER_NOT_FOUND', 'gone'), result('x')]);
    await expect(sendWithRetries('T', brokerMissing.deps, sync)).resolves.toBeDefined();
    const illegal = script([new MQClientError('CLIENT_MESSAGE_ILLEGAL', 'bad')]);
    await expect(sendWithRetries('T', illegal.deps, sync)).rejects.toMatchObject({ code: 'CLIENT_MESSAGE_ILLEGAL' });
    const bug = script([new TypeError('bug')]);
    await expect(sendWithRetries('T', bug.deps, sync)).rejects.toBeInstanceOf(TypeError);
  });

  it('all attempts share one timeout: none starts once it is spent', async () => {
    const run = script([connectFailed(), connectFailed(), result('x')], 2000);
    await expect(sendWithRetries('T', run.deps, sync)).rejects.toThrow(/timed out: 3000 ms spent after 2 attempt\(s\)/);
    expect(run.attempts()).toBe(2);
  });

  it('a stored but not SEND_OK result is returned, or retried elsewhere with retryAnotherBrokerWhenNotStoreOK', async () => {
    const plain = script([result('x', 'FLUSH_DISK_TIMEOUT')]);
    await expect(sendWithRetries('T', plain.deps, sync)).resolves.toMatchObject({ sendStatus: 'FLUSH_DISK_TIMEOUT' });
    const retry = script([result('x', 'FLUSH_DISK_TIMEOUT'), result('x')]);
    await expect(sendWithRetries('T', retry.deps, { ...sync, retryAnotherBrokerWhenNotStoreOK: true })).resolves.toMatchObject({ sendStatus: 'SEND_OK' });
    const never = script([result('x', 'SLAVE_NOT_AVAILABLE'), result('x', 'SLAVE_NOT_AVAILABLE'), result('x', 'FLUSH_SLAVE_TIMEOUT')]);
    await expect(sendWithRetries('T', never.deps, { ...sync, retryAnotherBrokerWhenNotStoreOK: true })).resolves.toMatchObject({ sendStatus: 'FLUSH_SLAVE_TIMEOUT' });
  });

  it('ASYNC mode retries transport failures only, never broker answers', async () => {
    const async: SendLoopPolicy = { ...sync, mode: 'ASYNC' };
    const transport = script([connectFailed(), result('x')]);
    await expect(sendWithRetries('T', transport.deps, async)).resolves.toBeDefined();
    const broker = script([new MQBrokerError(17, 'no topic', 'a'), result('x')]);
    await expect(sendWithRetries('T', broker.deps, async)).rejects.toMatchObject({ responseCode: 17 });
  });
});
