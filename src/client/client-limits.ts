/**
 * Bounds of the client's tables and queues. Each table the client keeps grows with what
 * the application uses (topics, brokers, queues, groups); these caps keep a misbehaving
 * application or server from growing them without end. Past a cap the client refuses the
 * new entry with a clear error (or, for caches, forgets the oldest entry).
 */
export const ClientLimits = {
  /** Topics whose routes one client instance caches (oldest forgotten beyond). */
  maxRouteTopics: 4096,
  /** Brokers one client instance keeps addresses and fault records for. */
  maxBrokers: 1024,
  /** Producer groups plus consumer groups registered on one client instance. */
  maxGroups: 256,
  /** Queues one offset store keeps offsets for. */
  maxOffsetQueues: 65536,
  /** Messages one batch may hold (the encoded batch is also bound by maxMessageSize). */
  maxBatchMessages: 65536,
  /** Topics one consumer subscribes (pull consumers: automatically, by pulling). */
  maxSubscriptions: 4096,
  /** Requests (request/reply) one client instance has waiting for their reply. */
  maxPendingRequests: 65536,
} as const;
