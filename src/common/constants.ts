/**
 * Every limit of the system in one place. Each bound here exists so that a queue, buffer
 * or table can push back instead of growing; defaults follow RocketMQ where it has one.
 */
export const Limits = {
  /** Largest frame accepted or sent (RocketMQ `com.rocketmq.remoting.frameMaxLength`). */
  maxFrameBytes: 16 * 1024 * 1024,
  /** Requests a server works on at once per connection before answering SYSTEM_BUSY. */
  maxInFlightRequestsPerConnection: 8192,
  /** Bytes queued for writing on one connection before reading from it pauses. */
  maxPendingWriteBytesPerConnection: 32 * 1024 * 1024,
  /** Requests a client may have outstanding (Java `clientAsyncSemaphoreValue`). */
  maxClientInFlightRequests: 65535,
  /** Idle time after which a connection is closed (Java server and client: 120 s). */
  connectionIdleTimeoutMs: 120_000,
  /** Default timeout of a client request (Java client: 3 s for most calls). */
  defaultRequestTimeoutMs: 3_000,
  /** Time a server waits for pending requests on shutdown before failing them. */
  shutdownGraceMs: 5_000,
  /** Connect timeout of a client connection (Java `connectTimeoutMillis`). */
  connectTimeoutMs: 3_000,
} as const;

/** The MQVersion ordinal this implementation reports (V4_9_8). */
export const MQ_VERSION = 409;
