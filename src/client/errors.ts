/**
 * The client's typed errors, as RocketMQ's Java client raises them:
 *
 * - `MQClientError`: the client itself refuses or gives up (bad message, no route, every
 *   send attempt failed). `responseCode` is a broker response code when one caused it, a
 *   `ClientErrorCode` (10001…) for transport failures, or -1.
 * - `MQBrokerError`: a server answered with a code that means failure. It carries the
 *   code, the server's remark and address, and whether a retry can help.
 *
 * Both are RocketMQErrors from the catalogue in common/errors.ts, so `isRocketMQError`
 * and `.retriable` work on them as on any other error of the system.
 */
import { RocketMQError, isRocketMQError, type ErrorCode } from '../common/errors.js';
import { ResponseCode, responseCodeName } from '../protocol/response-code.js';

/** Java `ClientErrorCode`: response codes the client sets for failures that are not a server's answer. */
export const ClientErrorCode = {
  CONNECT_BROKER_EXCEPTION: 10001,
  ACCESS_BROKER_TIMEOUT: 10002,
  BROKER_NOT_EXIST_EXCEPTION: 10003,
  NO_NAME_SERVER_EXCEPTION: 10004,
  NOT_FOUND_TOPIC_EXCEPTION: 10005,
  REQUEST_TIMEOUT_EXCEPTION: 10006,
  CREATE_REPLY_MESSAGE_EXCEPTION: 10007,
} as const;

/** Server answers after which the same request may succeed later or elsewhere. */
const RETRIABLE_RESPONSE_CODES: ReadonlySet<number> = new Set<number>([
  ResponseCode.SYSTEM_ERROR,
  ResponseCode.SYSTEM_BUSY,
  ResponseCode.SERVICE_NOT_AVAILABLE,
  ResponseCode.NO_PERMISSION,
  ResponseCode.TOPIC_NOT_EXIST,
  ResponseCode.NO_BUYER_ID,
  ResponseCode.NOT_IN_CURRENT_UNIT,
  ResponseCode.FLOW_CONTROL,
  ResponseCode.SUBSCRIPTION_NOT_LATEST,
  ResponseCode.FILTER_DATA_NOT_EXIST,
  ResponseCode.FILTER_DATA_NOT_LATEST,
]);

/** Whether a request answered with `responseCode` may succeed when tried again. */
export function isRetriableResponseCode(responseCode: number): boolean {
  return RETRIABLE_RESPONSE_CODES.has(responseCode);
}

export interface MQClientErrorOptions {
  responseCode?: number;
  cause?: unknown;
  /** Overrides the catalogue's retriable flag (a failed send is as retriable as its last cause). */
  retriable?: boolean;
}

export class MQClientError extends RocketMQError {
  /** The response or client error code behind the failure; -1 when there is none. */
  readonly responseCode: number;
  declare readonly retriable: boolean;

  constructor(code: ErrorCode, message: string, options: MQClientErrorOptions = {}) {
    super(code, message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MQClientError';
    this.responseCode = options.responseCode ?? -1;
    if (options.retriable !== undefined) this.retriable = options.retriable;
  }
}

export class MQBrokerError extends RocketMQError {
  readonly responseCode: number;
  readonly remark: string | null;
  /** Address of the server that answered. */
  readonly address: string;
  declare readonly retriable: boolean;

  constructor(responseCode: number, remark: string | null, address: string) {
    super('BROKER_ERROR', `${address} answered ${responseCode} ${responseCodeName(responseCode)}${remark ? `: ${remark}` : ''}`);
    this.name = 'MQBrokerError';
    this.responseCode = responseCode;
    this.remark = remark;
    this.address = address;
    this.retriable = isRetriableResponseCode(responseCode);
  }
}

/**
 * A request (request/reply) whose reply did not come in time (Java
 * `RequestTimeoutException`): code CLIENT_REQUEST_TIMEOUT, responseCode 10006
 * (REQUEST_TIMEOUT_EXCEPTION).
 */
export class RequestTimeoutError extends MQClientError {
  constructor(message: string) {
    super('CLIENT_REQUEST_TIMEOUT', message, { responseCode: ClientErrorCode.REQUEST_TIMEOUT_EXCEPTION });
    this.name = 'RequestTimeoutError';
  }
}

/** The ClientErrorCode Java sets on a send that failed with `error` (-1 when none fits). */
export function clientErrorCodeOf(error: unknown): number {
  if (error instanceof MQBrokerError || error instanceof MQClientError) return error.responseCode;
  if (isRocketMQError(error, 'CONNECT_FAILED') || isRocketMQError(error, 'CONNECTION_CLOSED')) return ClientErrorCode.CONNECT_BROKER_EXCEPTION;
  if (isRocketMQError(error, 'REQUEST_TIMEOUT')) return ClientErrorCode.ACCESS_BROKER_TIMEOUT;
  return -1;
}

/** Whether `error` is a transport failure (connect, closed connection, timeout, too many requests). */
export function isTransportError(error: unknown): boolean {
  return (
    isRocketMQError(error, 'CONNECT_FAILED') ||
    isRocketMQError(error, 'CONNECTION_CLOSED') ||
    isRocketMQError(error, 'REQUEST_TIMEOUT') ||
    isRocketMQError(error, 'TOO_MANY_REQUESTS')
  );
}
