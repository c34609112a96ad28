/**
 * Transactions end to end against an embedded broker: what the consumers of the real
 * topic see once the broker acts on END_TRANSACTION (Java EndTransactionProcessor) and
 * checks the half messages left open (TransactionalMessageCheckService). These need the
 * broker's side of transactions; the client's side alone is tested in
 * transaction-producer.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageExt } from '../../src/client/message/message-ext.js';
import { ConsumeConcurrentlyStatus } from '../../src/client/consumer/message-listener.js';
import { LocalTransactionState } from '../../src/client/producer/local-transaction-state.js';
import type { TransactionCheckMessage } from '../../src/client/producer/transaction-listener.js';
import { TransactionProducer } from '../../src/client/producer/transaction-producer.js';
import { startEmbeddedCluster, type EmbeddedCluster } from '../../src/testing/index.js';
import { eventually } from './support/cluster.js';
import { pushConsumer, Received, sleep } from './support/consumers.js';

const TOPIC = 'TxCommitTopic';
let cluster: EmbeddedCluster;
let producer: TransactionProducer;
const received = new Received();
const checked: TransactionCheckMessage[] = [];
/** What executeLocalTransaction answers for a body; checkLocalTransaction commits 'checked:' bodies. */
const answers = new Map<string, LocalTransactionState>();
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  cluster = await startEmbeddedCluster({ broker: { transactionTimeOut: 300, transactionCheckInterval: 300 } });
  await cluster.createTopic(TOPIC, { queueNums: 2 });
  producer = new TransactionProducer({
    producerGroup: 'PG_TX_COMMIT',
    namesrvAddr: cluster.namesrvAddr,
    heartbeatBrokerInterval: 500,
    transactionListener: {
      executeLocalTransaction: (msg) => answers.get(String(msg.body)) ?? LocalTransactionState.UNKNOW,
      checkLocalTransaction: (msg) => {
        checked.push(msg);
        return msg.body.toString().startsWith('checked:') ? LocalTransactionState.COMMIT_MESSAGE : LocalTransactionState.ROLLBACK_MESSAGE;
      },
    },
  });
  await producer.start();
  stops.push(() => producer.shutdown());
  const consumer = pushConsumer(cluster.namesrvAddr, { consumerGroup: 'CG_TX_COMMIT', subscription: { [TOPIC]: '*' } }, {
    consumeConcurrently: (msgs: MessageExt[]) => {
      received.add(msgs);
      return ConsumeConcurrentlyStatus.CONSUME_SUCCESS;
    },
  });
  await consumer.start();
  stops.unshift(() => consumer.shutdown());
}, 30_000);

afterAll(async () => {
  for (const stop of stops) await stop();
  await cluster?.stop();
});

describe('transactions end to end (needs the broker END_TRANSACTION and check service)', () => {
  it('COMMIT_MESSAGE from executeLocalTransaction: a consumer of the real topic gets the message once', async () => {
    answers.set('commit me', LocalTransactionState.COMMIT_MESSAGE);
    const result = await producer.sendMessageInTransaction({ topic: TOPIC, body: 'commit me', tags: 'TagC', keys: 'tx-commit' });
    expect(result.localTransactionState).toBe('COMMIT_MESSAGE');
    await eventually(() => received.counts.get('commit me') === 1, 15_000);
    const delivered = received.deliveries.find((msg) => msg.body.toString() === 'commit me');
    expect(delivered).toMatchObject({ topic: TOPIC, msgId: result.msgId, tags: 'TagC', keys: 'tx-commit' });
    await sleep(500);
    expect(received.counts.get('commit me')).toBe(1);
  }, 30_000);

  it('ROLLBACK_MESSAGE from executeLocalTransaction: the message never reaches the real topic', async () => {
    answers.set('roll me back', LocalTransactionState.ROLLBACK_MESSAGE);
    answers.set('after rollback', LocalTransactionState.COMMIT_MESSAGE);
    await producer.sendMessageInTransaction({ topic: TOPIC, body: 'roll me back' });
    await producer.sendMessageInTransaction({ topic: TOPIC, body: 'after rollback' });
    await eventually(() => received.counts.has('after rollback'), 15_000);
    await sleep(1000);
    expect(received.counts.has('roll me back')).toBe(false);
  }, 30_000);

  it('UNKNOW, then the broker checks: checkLocalTransaction commits it and the consumer gets it once', async () => {
    const result = await producer.sendMessageInTransaction({ topic: TOPIC, body: 'checked:1' });
    expect(result.localTransactionState).toBe('UNKNOW');
    await eventually(() => received.counts.get('checked:1') === 1, 20_000);
    const check = checked.find((msg) => msg.body.toString() === 'checked:1');
    expect(check).toMatchObject({ transactionId: result.msgId });
    await sleep(1000);
    expect(received.counts.get('checked:1')).toBe(1);
  }, 30_000);
});
