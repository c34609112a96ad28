/**
 * Admin requests the broker relays to one consumer (GET_CONSUMER_RUNNING_INFO 307,
 * CONSUME_MESSAGE_DIRECTLY 309): sent on the consumer's own connection with the admin's
 * header (309 adds brokerName and the message record), the consumer's answer returned
 * unchanged; a consumer that is not online is refused with RocketMQ's text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Broker } from '../../src/broker/broker.js';
import { decodeMessageRecords } from '../../src/protocol/message/message-record.js';
import { RequestCode } from '../../src/protocol/request-code.js';
import { ResponseCode } from '../../src/protocol/response-code.js';
import { createResponse } from '../../src/remoting/remoting-command.js';
import { Harness, createTopic, sendV2 } from './support/harness.js';
import { TestConsumer, consumerData, tagSubscription } from './support/test-consumer.js';

const harness = new Harness();
let broker: Broker;
let member: TestConsumer;

beforeAll(async () => {
  broker = await harness.broker();
  member = new TestConsumer(broker.address, '127.0.0.1@member');
  await member.heartbeat([consumerData('RELAY_G', [tagSubscription('RelayTopic')])]);
  expect((await createTopic(harness, broker.address, 'RelayTopic', 1)).code).toBe(0);
});

afterAll(async () => {
  await member.close();
  await harness.cleanup();
});

describe('relays to a consumer', () => {
  it('GET_CONSUMER_RUNNING_INFO: the consumer answer comes back as it was', async () => {
    const info = Buffer.from('{"properties":{"PROP_CONSUME_TYPE":"CONSUME_PASSIVELY"},"mqTable":{},"statusTable":{},"subscriptionSet":[]}');
    member.answers.set(RequestCode.GET_CONSUMER_RUNNING_INFO, (request) => createResponse(request, ResponseCode.SUCCESS, { remark: 'not set any response code', body: info }));
    const answer = await harness.invoke(broker.address, RequestCode.GET_CONSUMER_RUNNING_INFO, { consumerGroup: 'RELAY_G', clientId: '127.0.0.1@member', jstackEnable: 'false' });
    expect([answer.code, answer.remark, answer.body?.equals(info)]).toEqual([ResponseCode.SUCCESS, 'not set any response code', true]);
    const relayed = member.notificationsOf(RequestCode.GET_CONSUMER_RUNNING_INFO)[0];
    expect(relayed?.extFields).toEqual({ consumerGroup: 'RELAY_G', clientId: '127.0.0.1@member', jstackEnable: 'false' });
  });

  it('CONSUME_MESSAGE_DIRECTLY: the record of msgId goes with brokerName; the consumer result comes back', async () => {
    const sent = await sendV2(harness, broker.address, 'RelayTopic', 'consume me now', { properties: { TAGS: 'T' } });
    const msgId = sent.extFields?.['msgId'] ?? '';
    const result = Buffer.from('{"autoCommit":true,"consumeResult":"CR_SUCCESS","order":false,"spentTimeMills":3}');
    member.answers.set(RequestCode.CONSUME_MESSAGE_DIRECTLY, (request) => createResponse(request, ResponseCode.SUCCESS, { body: result }));
    const answer = await harness.invoke(broker.address, RequestCode.CONSUME_MESSAGE_DIRECTLY, { consumerGroup: 'RELAY_G', clientId: '127.0.0.1@member', msgId });
    expect([answer.code, answer.body?.equals(result)]).toEqual([ResponseCode.SUCCESS, true]);
    const relayed = member.notificationsOf(RequestCode.CONSUME_MESSAGE_DIRECTLY)[0];
    expect(relayed?.extFields).toEqual({ consumerGroup: 'RELAY_G', clientId: '127.0.0.1@member', msgId, brokerName: 'broker-a' });
    expect(decodeMessageRecords(relayed?.body ?? Buffer.alloc(0)).map((record) => record.body.toString())).toEqual(['consume me now']);
  });

  it('a consumer that is not online: 1 with RocketMQ text; one that answers with a failure: its code', async () => {
    const offline = await harness.invoke(broker.address, RequestCode.GET_CONSUMER_RUNNING_INFO, { consumerGroup: 'RELAY_G', clientId: 'nobody' });
    expect([offline.code, offline.remark]).toEqual([ResponseCode.SYSTEM_ERROR, 'The Consumer <RELAY_G> <nobody> not online']);
    member.answers.set(RequestCode.GET_CONSUMER_RUNNING_INFO, (request) => createResponse(request, ResponseCode.SYSTEM_BUSY, { remark: 'busy' }));
    const busy = await harness.invoke(broker.address, RequestCode.GET_CONSUMER_RUNNING_INFO, { consumerGroup: 'RELAY_G', clientId: '127.0.0.1@member' });
    expect([busy.code, busy.remark]).toEqual([ResponseCode.SYSTEM_BUSY, 'busy']);
  });
});
