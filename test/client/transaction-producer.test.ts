/**
 * The transaction producer (Java TransactionMQProducer): against an embedded name server
 * and broker, sendMessageInTransaction stores a half message in RMQ_SYS_TRANS_HALF_TOPIC
 * and sends END_TRANSACTION as the 4.9.8 client fills it (seen through the producer's
 * rpcHook, which sees every request it writes); against a RemotingServer acting as a
 * broker, the client answers CHECK_TRANSACTION_STATE with END_TRANSACTION
 * (fromTransactionCheck=true) and drops checks past checkRequestHoldMax. The commit
 * reaching the real topic's consumers needs the broker's END_TRANSACTION: see
 * transaction-commit.test.ts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PullConsumer } from '../../src/client/consumer/pull-consumer.js';
import type { MessageExt } from '../../src/client/message/message-ext.js';
import { sendHeartbeat } from '../../src/client/api/broker-client-api.js';
import { commitOrRollbackOf, LocalTransactionState, localTransactionStateOf } from '../../src/client/producer/local-transaction-state.js';
import { checkErrorRemark, endTransactionHeaderOfCheck, endTransactionHeaderOfSend, executeErrorRemark } from '../../src/client/producer/end-transaction.js';
import type { SendResult } from '../../src/client/producer/send-result.js';
import type { TransactionCheckMessage, TransactionListener, TransactionMessage } from '../../src/client/producer/transaction-listener.js';
import { TransactionProducer, type TransactionProducerOptions } from '../../src/client/producer/transaction-producer.js';
import { CheckTransactionStateRequestHeader } from '../../src/protocol/headers/check-transaction-state-request-header.js';
import { createOffsetMessageId, parseOffsetMessageId } from '../../src/protocol/message/message-id.js';
import { encodeMessageRecord } from '../../src/protocol/message/message-record.js';
import { PropertyKey } from '../../src/protocol/message/properties.js';
import { TransactionType } from '../../src/protocol/message/sys-flag.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import type { RemotingConnection } from '../../src/remoting/connection.js';
import { createRequest, createResponse, type RemotingCommand } from '../../src/remoting/remoting-command.js';
import { RemotingServer } from '../../src/remoting/server.js';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../src/testing/index.js';
import { eventually } from './support/cluster.js';

const HALF_TOPIC = 'RMQ_SYS_TRANS_HALF_TOPIC';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** END_TRANSACTION requests a producer wrote, as they went on the wire. */
class EndTransactionLog {
  readonly requests: { address: string; request: RemotingCommand }[] = [];
  readonly hook = {
    beforeRequest: (address: string, request: RemotingCommand): void => {
      if (request.code === RequestCode.END_TRANSACTION) this.requests.push({ address, request });
    },
  };

  last(): { address: string; request: RemotingCommand } {
    const last = this.requests.at(-1);
    if (last === undefined) throw new Error('no END_TRANSACTION was sent');
    return last;
  }
}

/** A listener whose local transaction answers `execute(msg)` and records what it was given. */
function recordingListener(execute: (msg: TransactionMessage) => LocalTransactionState | Promise<LocalTransactionState>): TransactionListener & { executed: { msg: TransactionMessage; arg: unknown }[] } {
  const executed: { msg: TransactionMessage; arg: unknown }[] = [];
  return {
    executed,
    executeLocalTransaction: (msg, arg) => {
      executed.push({ msg, arg });
      return execute(msg);
    },
    checkLocalTransaction: () => LocalTransactionState.UNKNOW,
  };
}

describe('LocalTransactionState and the END_TRANSACTION headers (pure)', () => {
  it('maps each state to the transaction type Java puts in commitOrRollback', () => {
    expect(commitOrRollbackOf(LocalTransactionState.COMMIT_MESSAGE)).toBe(TransactionType.COMMIT);
    expect(commitOrRollbackOf(LocalTransactionState.ROLLBACK_MESSAGE)).toBe(TransactionType.ROLLBACK);
    expect(commitOrRollbackOf(LocalTransactionState.UNKNOW)).toBe(TransactionType.NOT_TYPE);
  });

  it('counts an answer that is no state (Java null) as UNKNOW', () => {
    expect(localTransactionStateOf('COMMIT_MESSAGE')).toBe('COMMIT_MESSAGE');
    for (const value of [undefined, null, 'UNKNOWN', 'commit_message', 8, {}, 'toString']) expect(localTransactionStateOf(value)).toBe('UNKNOW');
  });

  const sent: SendResult = {
    sendStatus: 'SEND_OK',
    msgId: 'AC1100020001000000000000000A0001',
    offsetMsgId: createOffsetMessageId({ host: '127.0.0.1', port: 10911 }, 4242),
    messageQueue: { topic: 'T', brokerName: 'broker-a', queueId: 0 },
    queueOffset: 17,
    regionId: 'DefaultRegion',
    traceOn: true,
  };

  it('fills the header after a send from the send result (no transactionId unless the broker gave one)', () => {
    expect(endTransactionHeaderOfSend('PG', sent, 'COMMIT_MESSAGE')).toEqual({
      producerGroup: 'PG',
      tranStateTableOffset: 17,
      commitLogOffset: 4242,
      commitOrRollback: 8,
      fromTransactionCheck: false,
      msgId: sent.msgId,
      bname: 'broker-a',
    });
    expect(endTransactionHeaderOfSend('PG', { ...sent, transactionId: 'tx-1' }, 'UNKNOW')).toMatchObject({ transactionId: 'tx-1', commitOrRollback: 0 });
  });

  it('fills the answer to a check from the check header, the message UNIQ_KEY or else its msgId', () => {
    const check = { tranStateTableOffset: 3, commitLogOffset: 99, msgId: 'M', transactionId: 'TX', offsetMsgId: 'O', bname: 'broker-b' };
    const message = { msgId: 'OFFSET-ID', properties: { UNIQ_KEY: 'UNIQ' } } as unknown as MessageExt;
    expect(endTransactionHeaderOfCheck('PG', check, message, 'ROLLBACK_MESSAGE')).toEqual({
      producerGroup: 'PG',
      tranStateTableOffset: 3,
      commitLogOffset: 99,
      commitOrRollback: 12,
      fromTransactionCheck: true,
      msgId: 'UNIQ',
      transactionId: 'TX',
      bname: 'broker-b',
    });
    const withoutKey = { msgId: 'OFFSET-ID', properties: {} } as unknown as MessageExt;
    const header = endTransactionHeaderOfCheck('PG', { tranStateTableOffset: 3, commitLogOffset: 99 }, withoutKey, 'UNKNOW');
    expect(header.msgId).toBe('OFFSET-ID');
    expect(header).not.toHaveProperty('transactionId');
    expect(header).not.toHaveProperty('bname');
  });

  it('puts the listener error in the remark as Java does', () => {
    expect(executeErrorRemark(new Error('db down'))).toBe('executeLocalTransactionBranch exception: Error: db down');
    expect(checkErrorRemark(new TypeError('bad'))).toMatch(/^checkLocalTransactionState Exception: TypeError: bad, .*transaction-producer\.test\.ts/);
    expect(checkErrorRemark('plain')).toBe('checkLocalTransactionState Exception: plain');
  });
});

describe('TransactionProducer without a broker', () => {
  it('refuses sendMessageInTransaction without a listener, and bad check bounds', async () => {
    const producer = new TransactionProducer({ producerGroup: 'PG_TX_NO_LISTENER', namesrvAddr: '127.0.0.1:1' });
    await expect(producer.sendMessageInTransaction({ topic: 'T', body: 'x' })).rejects.toThrow('TransactionListener is null');
    expect(() => new TransactionProducer({ checkRequestHoldMax: 0 })).toThrow(/checkRequestHoldMax/);
    expect(() => new TransactionProducer({ checkThreadPoolMaxSize: 1.5 })).toThrow(/checkThreadPoolMaxSize/);
  });

  /** A producer whose half send is replaced by `send` (no broker needed). */
  class StubbedSend extends TransactionProducer {
    constructor(
      options: TransactionProducerOptions,
      private readonly stubbedSend: () => Promise<SendResult>,
    ) {
      super(options);
    }

    override sendSystemMessage(): Promise<SendResult> {
      return this.stubbedSend();
    }
  }

  const stored = (sendStatus: SendResult['sendStatus']): SendResult => ({
    sendStatus,
    msgId: 'K',
    offsetMsgId: createOffsetMessageId({ host: '127.0.0.1', port: 1 }, 1),
    messageQueue: { topic: 'T', brokerName: 'nowhere', queueId: 0 },
    queueOffset: 0,
    regionId: 'DefaultRegion',
    traceOn: true,
  });

  it('rolls back a half message stored without SEND_OK, without running the local transaction', async () => {
    const listener = recordingListener(() => LocalTransactionState.COMMIT_MESSAGE);
    const producer = new StubbedSend({ producerGroup: 'PG_TX_FLUSH', namesrvAddr: '127.0.0.1:1', transactionListener: listener }, async () => stored('FLUSH_DISK_TIMEOUT'));
    await producer.start();
    try {
      const result = await producer.sendMessageInTransaction({ topic: 'T', body: 'x' });
      expect(result).toMatchObject({ sendStatus: 'FLUSH_DISK_TIMEOUT', localTransactionState: 'ROLLBACK_MESSAGE' });
      expect(listener.executed).toHaveLength(0);
    } finally {
      await producer.shutdown();
    }
  });

  it('throws a failed half send as CLIENT_SEND_FAILED "send message Exception" with its cause', async () => {
    const listener = recordingListener(() => LocalTransactionState.COMMIT_MESSAGE);
    const cause = new Error('broker gone');
    const producer = new StubbedSend({ producerGroup: 'PG_TX_FAIL', namesrvAddr: '127.0.0.1:1', transactionListener: listener }, () => Promise.reject(cause));
    await producer.start();
    try {
      const failure = await producer.sendMessageInTransaction({ topic: 'T', body: 'x' }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'CLIENT_SEND_FAILED', cause });
      expect((failure as Error).message).toContain('send message Exception');
      expect(listener.executed).toHaveLength(0);
    } finally {
      await producer.shutdown();
    }
  });
});

describe('sendMessageInTransaction against an embedded broker', () => {
  const TOPIC = 'TxClientTopic';
  let cluster: EmbeddedCluster;
  let puller: PullConsumer;
  const producers: TransactionProducer[] = [];

  beforeAll(async () => {
    cluster = await startEmbeddedCluster();
    await cluster.createTopic(TOPIC, { queueNums: 2 });
    puller = new PullConsumer({ consumerGroup: 'CG_TX_HALF_READER', namesrvAddr: cluster.namesrvAddr });
    await puller.start();
    await puller.fetchSubscribeMessageQueues(TOPIC); // learns broker-a's address
  });

  afterAll(async () => {
    for (const producer of producers) await producer.shutdown();
    await puller?.shutdown();
    await cluster?.stop();
  });

  async function startProducer(group: string, listener: TransactionListener): Promise<{ producer: TransactionProducer; log: EndTransactionLog }> {
    const log = new EndTransactionLog();
    const producer = new TransactionProducer({ producerGroup: group, namesrvAddr: cluster.namesrvAddr, transactionListener: listener, rpcHook: log.hook });
    producers.push(producer);
    await producer.start();
    return { producer, log };
  }

  async function pullHalf(queueOffset: number): Promise<MessageExt> {
    const result = await puller.pull({ topic: HALF_TOPIC, brokerName: 'broker-a', queueId: 0 }, '*', queueOffset, 1);
    expect(result.pullStatus).toBe('FOUND');
    const [message] = result.msgFoundList;
    if (message === undefined) throw new Error('no half message');
    return message;
  }

  it('stores a half message (TRAN_MSG, PGROUP, REAL_TOPIC; no DELAY) and sends END_TRANSACTION with the 4.9.8 header', async () => {
    const listener = recordingListener(() => LocalTransactionState.UNKNOW);
    const { producer, log } = await startProducer('PG_TX_HALF', listener);
    const result = await producer.sendMessageInTransaction({ topic: TOPIC, body: 'half body', tags: 'TagTx', keys: 'tx-key-1', delayTimeLevel: 3 }, { order: 42 });

    expect(result).toMatchObject({ sendStatus: 'SEND_OK', localTransactionState: 'UNKNOW' });
    expect(result.messageQueue.brokerName).toBe('broker-a');
    expect(listener.executed).toHaveLength(1);
    expect(listener.executed[0]?.arg).toEqual({ order: 42 });
    expect(listener.executed[0]?.msg).toMatchObject({ topic: TOPIC, body: 'half body', tags: 'TagTx', transactionId: result.msgId });
    expect(listener.executed[0]?.msg).not.toHaveProperty('delayTimeLevel');

    const half = await pullHalf(result.queueOffset);
    expect(half.topic).toBe(HALF_TOPIC);
    expect(half.body.toString()).toBe('half body');
    expect(half.msgId).toBe(result.msgId);
    expect(half.offsetMsgId).toBe(result.offsetMsgId);
    expect(half.properties[PropertyKey.TRANSACTION_PREPARED]).toBe('true');
    expect(half.properties[PropertyKey.PRODUCER_GROUP]).toBe('PG_TX_HALF');
    expect(half.properties[PropertyKey.REAL_TOPIC]).toBe(TOPIC);
    expect(half.properties[PropertyKey.REAL_QUEUE_ID]).toBe(String(result.messageQueue.queueId));
    expect(half.properties[PropertyKey.DELAY_TIME_LEVEL]).toBeUndefined();
    expect(half.properties[PropertyKey.KEYS]).toBe('tx-key-1');

    const { address, request } = log.last();
    expect(address).toBe(cluster.brokerAddr);
    expect(request.remark).toBeNull();
    expect(request.flag & 2).toBe(2); // oneway
    const fields = request.extFields ?? {};
    expect(fields).toMatchObject({
      producerGroup: 'PG_TX_HALF',
      tranStateTableOffset: String(result.queueOffset),
      commitLogOffset: String(parseOffsetMessageId(result.offsetMsgId).commitLogOffset),
      commitOrRollback: String(TransactionType.NOT_TYPE),
      fromTransactionCheck: 'false',
      msgId: result.msgId,
      bname: 'broker-a',
    });
    expect(fields['transactionId']).toBe(result.transactionId);
    expect(half.commitLogOffset).toBe(Number(fields['commitLogOffset']));
  });

  it('keeps the message out of its real topic until the transaction ends', async () => {
    const { producer } = await startProducer('PG_TX_HIDDEN', recordingListener(() => LocalTransactionState.UNKNOW));
    const result = await producer.sendMessageInTransaction({ topic: TOPIC, body: 'not yet' });
    expect(result.messageQueue.topic).toBe(TOPIC);
    for (const queue of await puller.fetchSubscribeMessageQueues(TOPIC)) {
      const pulled = await puller.pull(queue, '*', 0, 32);
      expect(pulled.msgFoundList.map((msg) => msg.body.toString())).not.toContain('not yet');
    }
  });

  it('counts a listener that throws as UNKNOW and sends its error in the remark', async () => {
    const { producer, log } = await startProducer('PG_TX_THROWS', recordingListener(() => {
      throw new Error('local db down');
    }));
    const result = await producer.sendMessageInTransaction({ topic: TOPIC, body: 'throws' });
    expect(result.localTransactionState).toBe('UNKNOW');
    const { request } = log.last();
    expect(request.extFields).toMatchObject({ commitOrRollback: '0', msgId: result.msgId });
    expect(request.remark).toBe('executeLocalTransactionBranch exception: Error: local db down');
  });

  it('sends ROLLBACK_MESSAGE (12) and COMMIT_MESSAGE (8) as the listener answers, promises included', async () => {
    let answer: LocalTransactionState = LocalTransactionState.ROLLBACK_MESSAGE;
    const { producer, log } = await startProducer('PG_TX_STATES', recordingListener(async () => answer));
    const rolledBack = await producer.sendMessageInTransaction({ topic: TOPIC, body: 'rollback me' });
    expect(rolledBack.localTransactionState).toBe('ROLLBACK_MESSAGE');
    expect(log.last().request.extFields).toMatchObject({ commitOrRollback: '12', msgId: rolledBack.msgId });
    answer = LocalTransactionState.COMMIT_MESSAGE;
    const committed = await producer.sendMessageInTransaction({ topic: TOPIC, body: 'commit me' });
    expect(committed.localTransactionState).toBe('COMMIT_MESSAGE');
    expect(log.last().request.extFields).toMatchObject({ commitOrRollback: '8', msgId: committed.msgId, tranStateTableOffset: String(committed.queueOffset) });
  });

  it('registers its group with the broker through heartbeats (so the broker can send it checks)', async () => {
    const { producer } = await startProducer('PG_TX_HEARTBEAT', recordingListener(() => LocalTransactionState.UNKNOW));
    expect(producer.instance.heartbeatData().producerDataSet.map((data) => data.groupName)).toContain('PG_TX_HEARTBEAT');
  });
});

/**
 * A RemotingServer on loopback acting as a broker: it answers heartbeats, remembers the
 * client's connection, sends it CHECK_TRANSACTION_STATE, and records END_TRANSACTION.
 */
class CheckingBroker {
  readonly server = new RemotingServer();
  readonly ends: RemotingCommand[] = [];
  private connection: RemotingConnection | undefined;
  address = '';

  async start(): Promise<void> {
    this.server.registerHandler(RequestCode.HEART_BEAT, (request, connection) => {
      this.connection = connection;
      return createResponse(request, ResponseCode.SUCCESS);
    });
    this.server.registerHandler(RequestCode.END_TRANSACTION, (request) => {
      this.ends.push(request);
      return null;
    });
    const { host, port } = await this.server.listen();
    this.address = `${host}:${port}`;
  }

  async connect(producer: TransactionProducer): Promise<void> {
    await sendHeartbeat(producer.instance.remoting, this.address, producer.instance.heartbeatData());
  }

  check(header: CheckTransactionStateRequestHeader, properties: Record<string, string>, commitLogOffset = header.commitLogOffset): void {
    const body = encodeMessageRecord({
      bodyCrc: 0,
      queueId: 0,
      flag: 0,
      queueOffset: header.tranStateTableOffset,
      commitLogOffset,
      sysFlag: 0,
      bornTimestamp: Date.now(),
      bornHost: { host: '127.0.0.1', port: 40000 },
      storeTimestamp: Date.now(),
      storeHost: { host: '127.0.0.1', port: 10911 },
      reconsumeTimes: 0,
      preparedTransactionOffset: 0,
      body: Buffer.from('half'),
      topic: HALF_TOPIC,
      properties,
    });
    if (this.connection === undefined) throw new Error('the client has not connected');
    this.connection.invokeOneway(createRequest(RequestCode.CHECK_TRANSACTION_STATE, { extFields: CheckTransactionStateRequestHeader.encode(header), body }));
  }

  async stop(): Promise<void> {
    await this.server.close();
  }
}

describe('CHECK_TRANSACTION_STATE from a broker', () => {
  let broker: CheckingBroker;
  let producer: TransactionProducer | undefined;

  beforeAll(async () => {
    broker = new CheckingBroker();
    await broker.start();
  });

  afterEach(async () => {
    await producer?.shutdown();
    producer = undefined;
    broker.ends.length = 0;
  });

  afterAll(async () => {
    await broker?.stop();
  });

  async function startProducer(group: string, check: (msg: TransactionCheckMessage) => LocalTransactionState | Promise<LocalTransactionState>, options: Partial<TransactionProducerOptions> = {}): Promise<TransactionProducer> {
    producer = new TransactionProducer({
      producerGroup: group,
      namesrvAddr: '127.0.0.1:1',
      transactionListener: { executeLocalTransaction: () => LocalTransactionState.UNKNOW, checkLocalTransaction: check },
      ...options,
    });
    await producer.start();
    await broker.connect(producer);
    return producer;
  }

  const halfProperties = (group: string, uniqueKey: string): Record<string, string> => ({
    [PropertyKey.TRANSACTION_PREPARED]: 'true',
    [PropertyKey.PRODUCER_GROUP]: group,
    [PropertyKey.REAL_TOPIC]: 'TxRealTopic',
    [PropertyKey.REAL_QUEUE_ID]: '1',
    [PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX]: uniqueKey,
  });

  it('answers with END_TRANSACTION fromTransactionCheck=true and the state checkLocalTransaction gives', async () => {
    const checked: TransactionCheckMessage[] = [];
    await startProducer('PG_TX_CHECK', (msg) => {
      checked.push(msg);
      return LocalTransactionState.COMMIT_MESSAGE;
    });
    broker.check({ tranStateTableOffset: 5, commitLogOffset: 1234, msgId: 'UNIQ-1', transactionId: 'UNIQ-1', bname: 'broker-x' }, halfProperties('PG_TX_CHECK', 'UNIQ-1'));
    await eventually(() => broker.ends.length === 1);
    const [end] = broker.ends;
    expect(end?.extFields).toEqual({
      producerGroup: 'PG_TX_CHECK',
      tranStateTableOffset: '5',
      commitLogOffset: '1234',
      commitOrRollback: '8',
      fromTransactionCheck: 'true',
      msgId: 'UNIQ-1',
      transactionId: 'UNIQ-1',
      bname: 'broker-x',
    });
    expect(end?.remark).toBeNull();
    expect(checked[0]).toMatchObject({ topic: HALF_TOPIC, transactionId: 'UNIQ-1', msgId: 'UNIQ-1', queueOffset: 5, commitLogOffset: 1234 });
    expect(checked[0]?.properties[PropertyKey.REAL_TOPIC]).toBe('TxRealTopic');
  });

  it('answers UNKNOW (0) with the error in the remark when checkLocalTransaction throws; msgId falls back to the offset id', async () => {
    await startProducer('PG_TX_CHECK_THROWS', () => {
      throw new Error('cannot tell');
    });
    const properties = halfProperties('PG_TX_CHECK_THROWS', '');
    delete properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX];
    broker.check({ tranStateTableOffset: 1, commitLogOffset: 77 }, properties);
    await eventually(() => broker.ends.length === 1);
    const [end] = broker.ends;
    expect(end?.extFields).toMatchObject({ commitOrRollback: '0', fromTransactionCheck: 'true', msgId: createOffsetMessageId({ host: '127.0.0.1', port: 10911 }, 77) });
    expect(end?.extFields).not.toHaveProperty('transactionId');
    expect(end?.remark).toMatch(/^checkLocalTransactionState Exception: Error: cannot tell, /);
  });

  it('answers ROLLBACK_MESSAGE (12) from an async check', async () => {
    await startProducer('PG_TX_CHECK_ROLLBACK', async () => {
      await sleep(5);
      return LocalTransactionState.ROLLBACK_MESSAGE;
    });
    broker.check({ tranStateTableOffset: 2, commitLogOffset: 88, transactionId: 'K2' }, halfProperties('PG_TX_CHECK_ROLLBACK', 'K2'));
    await eventually(() => broker.ends.length === 1);
    expect(broker.ends[0]?.extFields).toMatchObject({ commitOrRollback: '12', msgId: 'K2', transactionId: 'K2' });
  });

  it('ignores a check for a group this client has no producer of, and one without PGROUP', async () => {
    let calls = 0;
    await startProducer('PG_TX_CHECK_MINE', () => {
      calls++;
      return LocalTransactionState.COMMIT_MESSAGE;
    });
    broker.check({ tranStateTableOffset: 1, commitLogOffset: 1 }, halfProperties('PG_SOMEONE_ELSE', 'K3'));
    const noGroup = halfProperties('PG_TX_CHECK_MINE', 'K4');
    delete noGroup[PropertyKey.PRODUCER_GROUP];
    broker.check({ tranStateTableOffset: 1, commitLogOffset: 1 }, noGroup);
    broker.check({ tranStateTableOffset: 9, commitLogOffset: 9 }, halfProperties('PG_TX_CHECK_MINE', 'K5'));
    await eventually(() => broker.ends.length === 1);
    await sleep(50);
    expect(broker.ends.map((end) => end.extFields?.['msgId'])).toEqual(['K5']);
    expect(calls).toBe(1);
  });

  it('runs checkThreadPoolMaxSize checks at once, holds checkRequestHoldMax more, and drops the rest', async () => {
    const releases: (() => void)[] = [];
    const started = await startProducer(
      'PG_TX_CHECK_BOUND',
      () => new Promise<LocalTransactionState>((resolve) => releases.push(() => resolve(LocalTransactionState.COMMIT_MESSAGE))),
      { checkThreadPoolMaxSize: 1, checkRequestHoldMax: 2 },
    );
    for (let n = 0; n < 5; n++) broker.check({ tranStateTableOffset: n, commitLogOffset: n }, halfProperties('PG_TX_CHECK_BOUND', `B${n}`));
    await eventually(() => releases.length === 1 && started.checksInFlight().queued === 2);
    expect(started.checksInFlight()).toEqual({ running: 1, queued: 2 });
    while (broker.ends.length < 3) {
      releases.shift()?.();
      await sleep(10);
    }
    await sleep(50);
    expect(broker.ends.map((end) => end.extFields?.['msgId'])).toEqual(['B0', 'B1', 'B2']);
    expect(started.checksInFlight()).toEqual({ running: 0, queued: 0 });
  });
});
