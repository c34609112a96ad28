/**
 * Typed access to the npm client `ali-ons` (plain JavaScript, no type definitions): just
 * the parts of its producer the end-to-end tests use.
 */
import { createRequire } from 'node:module';

export interface SendResult {
  sendStatus: string;
  msgId: string;
  messageQueue: { topic: string; brokerName: string; queueId: number };
  queueOffset: number;
}

export interface ProducerOptions {
  nameSrv: string;
  producerGroup: string;
  instanceName?: string;
  httpclient: { request(url: string, options: unknown): Promise<unknown> };
  logger?: Record<'info' | 'warn' | 'error' | 'debug', (...args: unknown[]) => void>;
}

export interface AliMessage {
  keys: string[] | string | undefined;
  readonly properties: Record<string, string>;
}

export interface AliProducer {
  ready(): Promise<void>;
  send(message: AliMessage): Promise<SendResult>;
  close(): Promise<void>;
}

interface AliOns {
  Producer: new (options: ProducerOptions) => AliProducer;
  Message: new (topic: string, tags: string, body: Buffer) => AliMessage;
}

const aliOns = createRequire(import.meta.url)('ali-ons') as AliOns;

export const Producer = aliOns.Producer;
export const Message = aliOns.Message;
