/**
 * SendMessageHook: observes every send attempt (Java `SendMessageHook`), e.g. for tracing
 * or metrics. `sendMessageBefore` runs before the request is written, `sendMessageAfter`
 * when the attempt ended, with its result or error. A hook that throws is logged and
 * ignored.
 */
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import type { SendResult } from './send-result.js';

export type CommunicationMode = 'SYNC' | 'ASYNC' | 'ONEWAY';

export interface SendMessageContext {
  producerGroup: string;
  topic: string;
  /** UNIQ_KEY of the message (a batch: the keys joined with ","). */
  msgId: string;
  messageQueue: MessageQueue;
  brokerAddr: string;
  communicationMode: CommunicationMode;
  /** Set after the attempt. */
  sendResult?: SendResult;
  exception?: unknown;
}

export interface SendMessageHook {
  readonly hookName: string;
  sendMessageBefore?(context: SendMessageContext): void;
  sendMessageAfter?(context: SendMessageContext): void;
}
