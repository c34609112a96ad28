/**
 * Transactions against a real broker on loopback, with a RemotingClient acting as a
 * 4.9.8 Java transaction producer: half messages (TRAN_MSG=true, PGROUP) ended by
 * END_TRANSACTION commit / rollback / unknown, CHECK_TRANSACTION_STATE (39) sent to the
 * producer's connection after transactionTimeOut and answered from the check, discards
 * after transactionCheckMax checks, the refusals of END_TRANSACTION, and a restart that
 * keeps the check service's progress. Short settings: timeout 300 ms, passes every 100 ms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import type { BrokerConfig } from '../../src/broker/broker-config.js';
import { encodeHeartbeatData } from '../../src/protocol/bodies/heartbeat-data.js';
import { parseOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { decodeMessageRecords, type MessageRecord } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { RemotingClient } from '../../src/remoting/client.js';
import { createRequest, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { Harness, createTopic, eventually, sendHeaderV2 } from './support/harness.js';
import { TestConsumer } from './support/test-consumer.js';

const SETTINGS: Partial<BrokerConfig> = { transactionTimeOut: 300, transactionCheckInterval: 100, transactionCheckMax: 3 };
const GROUP = 'PG_TX';
const harness = new Harness();

/** A transaction producer: sends half messages, ends them, records the checks it gets. */
class TxProducer {
  readonly remoting = new RemotingClient({ requestTimeoutMs: 10_000 });
  readonly checks: RemotingCommand[] = [];
  /** How to answer a check (8 commit, 12 rollback, 0 unknown); undefined: no answer. */
  answer: ((check: RemotingCommand) => number | undefined) | null = null;

  constructor(public address: string) {
    this.remoting.registerHandler(RequestCode.CHECK_TRANSACTION_STATE, (request) => {
      this.checks.push(request);
      const state = this.answer?.(request);
      if (state !== undefined) {
        const fields = request.extFields ?? {};
        void this.end(state, { queueOffset: Number(fields['tranStateTableOffset']), commitLogOffset: Number(fields['commitLogOffset']), uniqKey: fields['msgId'] ?? '' }, true);
      }
      return null;
    });
  }

  heartbeat(): Promise<RemotingCommand> {
    const body = encodeHeartbeatData({ clientID: '127.0.0.1@tx', consumerDataSet: [], producerDataSet: [{ groupName: GROUP }] });
    return this.remoting.invoke(this.address, createRequest(RequestCode.HEART_BEAT, { body }));
  }

  async sendHalf(topic: string, body: string, extra: Record<string, string> = {}): Promise<Half> {
    const uniqKey = `UNIQ-${body}`;
    const properties = { TRAN_MSG: 'true', PGROUP: GROUP, UNIQ_KEY: uniqKey, KEYS: `key-${body}`, TAGS: 'TagTx', WAIT: 'true', ...extra };
    const extFields = sendHeaderV2(topic, { producerGroup: GROUP, sysFlag: 4, properties });
    const answer = await this.remoting.invoke(this.address, createRequest(RequestCode.SEND_MESSAGE_V2, { extFields, body: Buffer.from(body) }));
    expect(answer.code).toBe(ResponseCode.SUCCESS);
    const fields = answer.extFields ?? {};
    return { queueOffset: Number(fields['queueOffset']), commitLogOffset: parseOffsetMessageId(fields['msgId'] ?? '').commitLogOffset, uniqKey };
  }

  /** END_TRANSACTION, oneway as the Java producer sends it, or answered. */
  async end(state: number, half: Half, fromTransactionCheck = false, oneway = true, overrides: Record<string, string> = {}): Promise<RemotingCommand | null> {
    const extFields = {
      producerGroup: GROUP,
      tranStateTableOffset: String(half.queueOffset),
      commitLogOffset: String(half.commitLogOffset),
      commitOrRollback: String(state),
      fromTransactionCheck: String(fromTransactionCheck),
      msgId: half.uniqKey,
      transactionId: half.uniqKey,
      ...overrides,
    };
    const request = createRequest(RequestCode.END_TRANSACTION, { extFields, remark: fromTransactionCheck ? 'checked' : null });
    if (!oneway) return this.remoting.invoke(this.address, request);
    await this.remoting.invokeOneway(this.address, request);
    return null;
  }

  close(): Promise<void> {
    return this.remoting.shutdown();
  }
}

interface Half {
  queueOffset: number;
  commitLogOffset: number;
  uniqKey: string;
}

const COMMIT = 8;
const ROLLBACK = 12;
const UNKNOWN = 0;

async function pulled(consumer: TestConsumer, topic: string): Promise<MessageRecord[]> {
  const answer = await consumer.pull({ consumerGroup: 'CG_TX', topic, sysFlag: 4, subscription: '*', maxMsgNums: 100 });
  return answer.code === ResponseCode.SUCCESS && answer.body ? decodeMessageRecords(answer.body) : [];
}

function bodies(records: MessageRecord[]): string[] {
  return records.map((record) => record.body.toString());
}

describe('transactions on a running broker', () => {
  let broker: Broker;
  let producer: TxProducer;
  let consumer: TestConsumer;

  beforeAll(async () => {
    broker = await harness.broker(SETTINGS);
    producer = new TxProducer(broker.address);
    consumer = new TestConsumer(broker.address, '127.0.0.1@txc');
    expect((await producer.heartbeat()).code).toBe(ResponseCode.SUCCESS);
    for (const topic of ['TxCommit', 'TxRollback', 'TxCheck', 'TxDiscard', 'TxRefuse']) expect((await createTopic(harness, broker.address, topic, 1)).code).toBe(0);
  });

  afterAll(async () => {
    await producer.close();
    await consumer.close();
  });

  it('COMMIT stores the message in its real topic with the original body, keys and tags, once', async () => {
    const half = await producer.sendHalf('TxCommit', 'commit-me');
    expect(await pulled(consumer, 'TxCommit')).toEqual([]);
    await producer.end(COMMIT, half);
    await eventually(async () => (await pulled(consumer, 'TxCommit')).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const records = await pulled(consumer, 'TxCommit');
    expect(bodies(records)).toEqual(['commit-me']);
    const [record] = records as [MessageRecord];
    expect(record.properties).toMatchObject({ KEYS: 'key-commit-me', TAGS: 'TagTx', UNIQ_KEY: half.uniqKey, PGROUP: GROUP });
    expect(record.sysFlag & 0xc).toBe(COMMIT);
    expect(record.preparedTransactionOffset).toBe(half.commitLogOffset);
    const ops = await storeRecords(broker, 'RMQ_SYS_TRANS_OP_HALF_TOPIC');
    expect(ops.some((op) => op.body.toString() === String(half.queueOffset) && op.properties['TAGS'] === 'd')).toBe(true);
    expect(producer.checks.filter((check) => check.extFields?.['msgId'] === half.uniqKey)).toEqual([]);
  });

  it('ROLLBACK never delivers the message and writes only the op', async () => {
    const half = await producer.sendHalf('TxRollback', 'roll-me-back');
    const answer = await producer.end(ROLLBACK, half, false, false);
    expect([answer?.code, answer?.remark]).toEqual([ResponseCode.SUCCESS, null]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await pulled(consumer, 'TxRollback')).toEqual([]);
    expect(producer.checks.filter((check) => check.extFields?.['msgId'] === half.uniqKey)).toEqual([]);
  });

  it('UNKNOWN leaves it pending: the broker asks the producer with CHECK_TRANSACTION_STATE, and a COMMIT from the check delivers it', async () => {
    const sentAt = Date.now();
    const half = await producer.sendHalf('TxCheck', 'check-me');
    await producer.end(UNKNOWN, half);
    producer.answer = (check) => (check.extFields?.['msgId'] === half.uniqKey ? COMMIT : undefined);
    await eventually(() => producer.checks.some((check) => check.extFields?.['msgId'] === half.uniqKey), 5000);
    const check = producer.checks.find((request) => request.extFields?.['msgId'] === half.uniqKey) as RemotingCommand;
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(300);
    const fields = check.extFields ?? {};
    expect(fields).toMatchObject({ msgId: half.uniqKey, transactionId: half.uniqKey });
    expect(Number(fields['commitLogOffset'])).toBeGreaterThan(half.commitLogOffset);
    expect(parseOffsetMessageId(fields['offsetMsgId'] ?? '').commitLogOffset).toBe(Number(fields['commitLogOffset']));
    const [body] = decodeMessageRecords(check.body ?? Buffer.alloc(0)) as [MessageRecord];
    expect([body.topic, body.queueId, body.body.toString(), body.queueOffset]).toEqual(['TxCheck', 0, 'check-me', Number(fields['tranStateTableOffset'])]);
    expect(body.properties).toMatchObject({ PGROUP: GROUP, TRANSACTION_CHECK_TIMES: '1', REAL_TOPIC: 'TxCheck' });
    await eventually(async () => (await pulled(consumer, 'TxCheck')).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(bodies(await pulled(consumer, 'TxCheck'))).toEqual(['check-me']);
    producer.answer = null;
  });

  it('discards a half message to TRANS_CHECK_MAX_TIME_TOPIC after transactionCheckMax checks', async () => {
    const half = await producer.sendHalf('TxDiscard', 'never-answered');
    const checksOfHalf = (): RemotingCommand[] => producer.checks.filter((check) => check.extFields?.['msgId'] === half.uniqKey);
    // The discard may be stored in the same pass that sent the last (oneway) check, before that check arrives here.
    await eventually(async () => checksOfHalf().length >= 3 && (await storeRecords(broker, 'TRANS_CHECK_MAX_TIME_TOPIC')).some((record) => record.properties['UNIQ_KEY'] === half.uniqKey), 8000);
    const checks = checksOfHalf();
    expect(checks.map((check) => decodeMessageRecords(check.body ?? Buffer.alloc(0))[0]?.properties['TRANSACTION_CHECK_TIMES'])).toEqual(['1', '2', '3']);
    expect(broker.context.topics.select('TRANS_CHECK_MAX_TIME_TOPIC')).toMatchObject({ readQueueNums: 1, perm: 6 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(checksOfHalf()).toHaveLength(3);
    expect(await pulled(consumer, 'TxDiscard')).toEqual([]);
  });

  it('refuses an END_TRANSACTION that does not match its half message, as Java checkPrepareMessage does', async () => {
    const half = await producer.sendHalf('TxRefuse', 'refuse-me');
    const cases: [Record<string, string>, string][] = [
      [{ producerGroup: 'OTHER' }, 'The producer group wrong'],
      [{ tranStateTableOffset: String(half.queueOffset + 100) }, 'The transaction state table offset wrong'],
      [{ commitLogOffset: String(half.commitLogOffset + 1) }, 'Find prepared transaction message failed'],
    ];
    for (const [overrides, remark] of cases) {
      const answer = await producer.end(COMMIT, half, false, false, overrides);
      expect([answer?.code, answer?.remark]).toEqual([ResponseCode.SYSTEM_ERROR, remark]);
    }
    const bad = await producer.end(5, half, false, false);
    expect([bad?.code, bad?.remark]).toEqual([ResponseCode.SYSTEM_ERROR, expect.stringContaining('commitOrRollback field wrong')]);
    const rollback = await producer.end(ROLLBACK, half, false, false);
    expect(rollback?.code).toBe(ResponseCode.SUCCESS);
  });
});

describe('END_TRANSACTION on a slave', () => {
  it('is answered 11 SLAVE_NOT_AVAILABLE', async () => {
    const slave = await harness.broker({ brokerRole: 'SLAVE', brokerId: 1 });
    const client = new RemotingClient();
    const extFields = { producerGroup: GROUP, tranStateTableOffset: '0', commitLogOffset: '0', commitOrRollback: '8', msgId: 'x' };
    const answer = await client.invoke(slave.address, createRequest(RequestCode.END_TRANSACTION, { extFields }));
    expect(answer.code).toBe(ResponseCode.SLAVE_NOT_AVAILABLE);
    await client.shutdown();
  });
});

describe('a restart', () => {
  it('keeps the check progress: a committed message is not delivered again and a pending one is still checked', async () => {
    const dir = `${harness.dir}/restart-store`;
    const first = await harness.broker({ ...SETTINGS, transactionCheckInterval: 60_000 }, {}, dir);
    expect((await createTopic(harness, first.address, 'TxRestart', 1)).code).toBe(0);
    let producer = new TxProducer(first.address);
    await producer.heartbeat();
    const committed = await producer.sendHalf('TxRestart', 'committed');
    const pending = await producer.sendHalf('TxRestart', 'pending');
    await producer.end(COMMIT, committed, false, false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await first.context.transactionCheck.checkNow();
    await eventually(() => producer.checks.length > 0);
    expect(producer.checks.map((check) => check.extFields?.['msgId'])).toEqual([pending.uniqKey]);
    const offsets = first.context.consumerOffsets.offsetsOf('CID_RMQ_SYS_TRANS', 'RMQ_SYS_TRANS_HALF_TOPIC');
    expect(offsets?.get(0)).toBe(2);
    await harness.stop(first);
    await producer.close();

    const second = await harness.broker(SETTINGS, {}, dir);
    producer = new TxProducer(second.address);
    await producer.heartbeat();
    const consumer = new TestConsumer(second.address, '127.0.0.1@txc2');
    producer.answer = () => COMMIT;
    await eventually(async () => bodies(await pulled(consumer, 'TxRestart')).includes('pending'), 5000);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(bodies(await pulled(consumer, 'TxRestart'))).toEqual(['committed', 'pending']);
    expect(producer.checks.map((check) => check.extFields?.['msgId'])).toEqual([pending.uniqKey]);
    expect(decodeMessageRecords(producer.checks[0]?.body ?? Buffer.alloc(0))[0]?.properties['TRANSACTION_CHECK_TIMES']).toBe('2');
    await producer.close();
    await consumer.close();
  });
});

afterAll(() => harness.cleanup());

async function storeRecords(broker: Broker, topic: string): Promise<MessageRecord[]> {
  const result = await broker.context.store.getMessage(topic, 0, 0, 1000);
  return result.records.flatMap((bytes) => decodeMessageRecords(bytes));
}
