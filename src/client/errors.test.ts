import { describe, expect, it } from 'vitest';
import { RocketMQError, isRocketMQError } from '../common/errors.js';
import { ClientErrorCode, MQBrokerError, MQClientError, clientErrorCodeOf, isRetriableResponseCode, isTransportError } from './errors.js';

describe('client errors', () => {
  it('MQClientError is a RocketMQError with a response code (-1 when none) and the catalogue\'s retriable flag', () => {
    const error = new MQClientError('CLIENT_TOPIC_ROUTE_NOT_FOUND', 'No route info of this topic: T', { responseCode: ClientErrorCode.NOT_FOUND_TOPIC_EXCEPTION });
    expect(isRocketMQError(error, 'CLIENT_TOPIC_ROUTE_NOT_FOUND')).toBe(true);
    expect(error).toMatchObject({ name: 'MQClientError', responseCode: 10005, retriable: true, wireCode: null });
    expect(new MQClientError('CLIENT_STATE', 'x').responseCode).toBe(-1);
    expect(new MQClientError('CLIENT_STATE', 'x').retriable).toBe(false);
    expect(new MQClientError('CLIENT_SEND_FAILED', 'x', { retriable: false }).retriable).toBe(false);
  });

  it('MQBrokerError carries the answer and its message names code, name and remark', () => {
    const error = new MQBrokerError(16, 'no permission', '10.0.0.1:10911');
    expect(error).toBeInstanceOf(RocketMQError);
    expect(error.message).toBe('10.0.0.1:10911 answered 16 NO_PERMISSION: no permission');
    expect(error.retriable).toBe(true);
  });

  it('answers a retry can help with: system error and busy, service unavailable, no permission, topic not exist, flow control', () => {
    expect([1, 2, 14, 16, 17, 204, 205, 215].every(isRetriableResponseCode)).toBe(true);
    expect([3, 13, 22, 26, 206].some(isRetriableResponseCode)).toBe(false);
  });

  it('maps transport failures to Java ClientErrorCodes', () => {
    expect(clientErrorCodeOf(new RocketMQError('CONNECT_FAILED', 'x'))).toBe(ClientErrorCode.CONNECT_BROKER_EXCEPTION);
    expect(clientErrorCodeOf(new RocketMQError('REQUEST_TIMEOUT', 'x'))).toBe(ClientErrorCode.ACCESS_BROKER_TIMEOUT);
    expect(clientErrorCodeOf(new MQBrokerError(14, null, 'a'))).toBe(14);
    expect(clientErrorCodeOf(new Error('x'))).toBe(-1);
    expect(isTransportError(new RocketMQError('CONNECTION_CLOSED', 'x'))).toBe(true);
    expect(isTransportError(new MQBrokerError(1, null, 'a'))).toBe(false);
  });
});
