import { describe, expect, it } from 'vitest';
import { ResponseCode } from '../../protocol/response-code.js';
import { createRequest, createResponse } from '../../remoting/remoting-command.js';
import { MQBrokerError } from '../errors.js';
import { sendResultOfResponse } from './send-result.js';

const request = createRequest(310);
const sentTo = { address: '10.0.0.1:10911', brokerName: 'broker-a', topic: 'T', uniqueKeys: ['U1'] };
const extFields = { msgId: '7F000001000051AF0000000000000000', queueId: '1', queueOffset: '5', MSG_REGION: 'DefaultRegion', TRACE_ON: 'true' };

describe('send results from broker answers', () => {
  it.each([
    [ResponseCode.SUCCESS, 'SEND_OK'],
    [ResponseCode.FLUSH_DISK_TIMEOUT, 'FLUSH_DISK_TIMEOUT'],
    [ResponseCode.FLUSH_SLAVE_TIMEOUT, 'FLUSH_SLAVE_TIMEOUT'],
    [ResponseCode.SLAVE_NOT_AVAILABLE, 'SLAVE_NOT_AVAILABLE'],
  ])('code %i means the message is stored with status %s', (code, status) => {
    const result = sendResultOfResponse(createResponse(request, code, { extFields }), sentTo);
    expect(result).toEqual({
      sendStatus: status,
      msgId: 'U1',
      offsetMsgId: '7F000001000051AF0000000000000000',
      messageQueue: { topic: 'T', brokerName: 'broker-a', queueId: 1 },
      queueOffset: 5,
      regionId: 'DefaultRegion',
      traceOn: true,
    });
  });

  it('a batch result joins the unique keys; the offset ids are as the broker joined them', () => {
    const result = sendResultOfResponse(createResponse(request, 0, { extFields: { ...extFields, msgId: 'A,B' } }), { ...sentTo, uniqueKeys: ['U1', 'U2'] });
    expect(result.msgId).toBe('U1,U2');
    expect(result.offsetMsgId).toBe('A,B');
  });

  it('a missing region reads as DefaultRegion, TRACE_ON=false switches tracing off', () => {
    const result = sendResultOfResponse(createResponse(request, 0, { extFields: { msgId: 'X', queueId: '0', queueOffset: '0', TRACE_ON: 'false' } }), sentTo);
    expect(result.regionId).toBe('DefaultRegion');
    expect(result.traceOn).toBe(false);
  });

  it('any other code is an MQBrokerError with the code, remark, address and whether a retry can help', () => {
    const answer = (code: number, remark: string) => () => sendResultOfResponse(createResponse(request, code, { remark }), sentTo);
    expect(answer(ResponseCode.TOPIC_NOT_EXIST, 'topic[T] not exist')).toThrow(
      expect.objectContaining({ name: 'MQBrokerError', code: 'BROKER_ERROR', responseCode: 17, remark: 'topic[T] not exist', address: '10.0.0.1:10911', retriable: true }),
    );
    expect(answer(ResponseCode.MESSAGE_ILLEGAL, 'bad')).toThrow(expect.objectContaining({ responseCode: 13, retriable: false }));
    expect(answer(ResponseCode.SYSTEM_BUSY, 'busy')).toThrow(MQBrokerError);
  });
});
