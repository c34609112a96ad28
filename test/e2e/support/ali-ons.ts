/**
 * Typed access to the npm client `ali-ons` (plain JavaScript, no type definitions): the
 * parts of its producer and push consumer the end-to-end tests use, and a helper to shut
 * the consumers' shared inner producer (CLIENT_INNER_PRODUCER) down at the end of a file.
 */
import { createRequire } from 'node:module';

export interface SendResult {
  sendStatus: string;
  msgId: string;
  messageQueue: { topic: string; brokerName: string; queueId: number };
  queueOffset: number;
}

export interface AliLogger {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  debug(...args: unknown[]): void;
}

export interface ClientOptions {
  nameSrv: string;
  instanceName?: string;
  httpclient: { request(url: string, options: unknown): Promise<unknown> };
  logger?: AliLogger;
  pollNameServerInteval?: number;
  heartbeatBrokerInterval?: number;
  persistConsumerOffsetInterval?: number;
  rebalanceInterval?: number;
}

export interface ProducerOptions extends ClientOptions {
  producerGroup: string;
}

export interface ConsumerOptions extends ClientOptions {
  consumerGroup: string;
  consumeFromWhere?: 'CONSUME_FROM_LAST_OFFSET' | 'CONSUME_FROM_FIRST_OFFSET' | 'CONSUME_FROM_TIMESTAMP';
  maxReconsumeTimes?: number;
  isBroadcast?: boolean;
}

export interface AliMessage {
  keys: string[] | string | undefined;
  delayTimeLevel: number;
  readonly properties: Record<string, string>;
}

/** A message as the consumer hands it to a handler. */
export interface ReceivedMessage {
  topic: string;
  tags: string;
  body: Buffer;
  msgId: string;
  queueId: number;
  queueOffset: number;
  reconsumeTimes: number;
  bornTimestamp: number;
  storeTimestamp: number;
  readonly properties: Record<string, string>;
}

export interface AliProducer {
  ready(): Promise<void>;
  send(message: AliMessage): Promise<SendResult>;
  close(): Promise<void>;
}

export interface AliConsumer {
  ready(): Promise<void>;
  subscribe(topic: string, expression: string, handler: (message: ReceivedMessage) => Promise<void>): void;
  on(event: 'error', listener: (error: Error) => void): void;
  close(): Promise<void>;
}

interface AliOns {
  Producer: (new (options: ProducerOptions) => AliProducer) & { defaultProducer?: AliProducer | null };
  Consumer: new (options: ConsumerOptions) => AliConsumer;
  Message: new (topic: string, tags: string, body: Buffer) => AliMessage;
}

const aliOns = createRequire(import.meta.url)('ali-ons') as AliOns;

export const Producer = aliOns.Producer;
export const Consumer = aliOns.Consumer;
export const Message = aliOns.Message;

/** A logger that keeps quiet. */
export const quietLogger: AliLogger = { info() {}, warn() {}, error() {}, debug() {} };

/** `httpclient` is required by ali-ons even when `nameSrv` is given (it is then unused). */
export const noHttp = { request: () => Promise.reject(new Error('not used: nameSrv is given')) };

/** Closes the inner producer the consumers of this process share (ali-ons keeps it forever otherwise). */
export async function closeInnerProducer(): Promise<void> {
  const inner = Producer.defaultProducer;
  Producer.defaultProducer = null;
  await inner?.close().catch(() => undefined);
}
