/**
 * The error catalogue: every error the system raises has a code here, with the RocketMQ
 * response code it becomes on the wire (null when it never reaches the wire), whether a
 * retry can help, and whether the connection it came from must be closed.
 *
 * Operating outcomes that are normal (a pull that found nothing, a topic that does not
 * exist) are values, not errors; this catalogue is for failures.
 */

/** RocketMQ wire codes used below (see protocol/response-code.ts for the full table). */
const SYSTEM_ERROR = 1;
const SYSTEM_BUSY = 2;
const SERVICE_NOT_AVAILABLE = 14;
const MESSAGE_ILLEGAL = 13;

interface ErrorSpec {
  readonly wireCode: number | null;
  readonly retriable: boolean;
  /** The bytes of the connection can no longer be trusted: close it. */
  readonly closesConnection: boolean;
}

const catalogue = {
  /** A frame's length prefix exceeds the 16 MiB limit. */
  FRAME_TOO_LARGE: { wireCode: null, retriable: false, closesConnection: true },
  /** A frame's length prefix or header length is negative, too small or inconsistent. */
  FRAME_MALFORMED: { wireCode: null, retriable: false, closesConnection: true },
  /** The serialize-type byte of a frame is neither JSON (0) nor ROCKETMQ (1). */
  SERIALIZE_TYPE_UNKNOWN: { wireCode: null, retriable: false, closesConnection: true },
  /** The header bytes do not decode (bad JSON, truncated binary layout). */
  HEADER_MALFORMED: { wireCode: null, retriable: false, closesConnection: true },
  /** A required custom-header field is absent. */
  HEADER_FIELD_MISSING: { wireCode: SYSTEM_ERROR, retriable: false, closesConnection: false },
  /** A custom-header field does not parse as its type. */
  HEADER_FIELD_INVALID: { wireCode: SYSTEM_ERROR, retriable: false, closesConnection: false },
  /** A request or response body does not decode. */
  BODY_MALFORMED: { wireCode: SYSTEM_ERROR, retriable: false, closesConnection: false },
  /** A message record, property string, message id or batch does not decode. */
  MESSAGE_MALFORMED: { wireCode: SYSTEM_ERROR, retriable: false, closesConnection: false },
  /** A request got no answer in time. */
  REQUEST_TIMEOUT: { wireCode: null, retriable: true, closesConnection: false },
  /** The connection closed before the answer came. */
  CONNECTION_CLOSED: { wireCode: null, retriable: true, closesConnection: false },
  /** A connection could not be opened. */
  CONNECT_FAILED: { wireCode: null, retriable: true, closesConnection: false },
  /** Too many requests are outstanding; try again later. */
  TOO_MANY_REQUESTS: { wireCode: SYSTEM_BUSY, retriable: true, closesConnection: false },
  /** The server is shutting down and will not process the request. */
  SHUTTING_DOWN: { wireCode: SYSTEM_BUSY, retriable: true, closesConnection: false },
  /** A store file could not be read or written (I/O error, read-only directory, disk full). */
  STORE_IO: { wireCode: SERVICE_NOT_AVAILABLE, retriable: true, closesConnection: false },
  /** A store file holds bytes that cannot be what the store wrote (wrong size, bad layout). */
  STORE_CORRUPT: { wireCode: SYSTEM_ERROR, retriable: false, closesConnection: false },
  /** Another process holds the store directory's lock. */
  STORE_LOCKED: { wireCode: null, retriable: false, closesConnection: false },
  /** A consume-queue unit arrived more than one file's worth of units past the queue's end. */
  STORE_OFFSET_GAP: { wireCode: SYSTEM_ERROR, retriable: false, closesConnection: false },
  /** A handler failed unexpectedly. */
  INTERNAL: { wireCode: SYSTEM_ERROR, retriable: false, closesConnection: false },
  /** Client: a message the client refuses to send (topic name, empty or oversized body, batch rules). */
  CLIENT_MESSAGE_ILLEGAL: { wireCode: MESSAGE_ILLEGAL, retriable: false, closesConnection: false },
  /** Client: an argument or option that cannot work (blank group, negative offset, bad queue). */
  CLIENT_ILLEGAL_ARGUMENT: { wireCode: null, retriable: false, closesConnection: false },
  /** Client: the producer, consumer or admin is not started, or already shut down. */
  CLIENT_STATE: { wireCode: null, retriable: false, closesConnection: false },
  /** Client: no name server address is configured. */
  CLIENT_NO_NAME_SERVER: { wireCode: null, retriable: false, closesConnection: false },
  /** Client: the name servers know no route for the topic (and no auto-create route helped). */
  CLIENT_TOPIC_ROUTE_NOT_FOUND: { wireCode: null, retriable: true, closesConnection: false },
  /** Client: a route names a broker whose address the client does not know. */
  CLIENT_BROKER_NOT_FOUND: { wireCode: null, retriable: true, closesConnection: false },
  /** Client: every attempt of a send failed (the cause is the last attempt's error). */
  CLIENT_SEND_FAILED: { wireCode: null, retriable: true, closesConnection: false },
  /** Client: a query of the brokers found no message. */
  CLIENT_NO_MESSAGE: { wireCode: null, retriable: false, closesConnection: false },
  /**
   * Client: a request (request/reply) got no reply in time (Java RequestTimeoutException,
   * ClientErrorCode 10006). Not retriable: the replier may have acted on the request.
   */
  CLIENT_REQUEST_TIMEOUT: { wireCode: null, retriable: false, closesConnection: false },
  /** Client: the local offset store file could not be read or written. */
  CLIENT_OFFSET_STORE: { wireCode: null, retriable: false, closesConnection: false },
  /** Client: a broker or name server answered with a failure code (the error carries it). */
  BROKER_ERROR: { wireCode: null, retriable: false, closesConnection: false },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof catalogue;

export class RocketMQError extends Error {
  readonly code: ErrorCode;
  readonly wireCode: number | null;
  readonly retriable: boolean;
  readonly closesConnection: boolean;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RocketMQError';
    this.code = code;
    const spec: ErrorSpec = catalogue[code];
    this.wireCode = spec.wireCode;
    this.retriable = spec.retriable;
    this.closesConnection = spec.closesConnection;
  }
}

export function isRocketMQError(value: unknown, code?: ErrorCode): value is RocketMQError {
  return value instanceof RocketMQError && (code === undefined || value.code === code);
}
