/**
 * SendResult: the outcome of a send, read from the broker's answer as the Java client reads
 * it. Codes 0, 10, 12 and 11 mean the message is stored (SEND_OK, FLUSH_DISK_TIMEOUT,
 * FLUSH_SLAVE_TIMEOUT, SLAVE_NOT_AVAILABLE); any other code is an MQBrokerError.
 *
 * `msgId` is the producer's UNIQ_KEY (a batch: the messages' keys joined with ","),
 * `offsetMsgId` the broker's offset message id(s), `messageQueue` the queue the broker
 * used, `queueOffset` the (first) message's offset in it.
 */
import type { MessageQueue } from '../../protocol/bodies/message-queue.js';
import { SendMessageResponseHeader } from '../../protocol/headers/send-message-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { RemotingCommand } from '../../remoting/remoting-command.js';
import { MQBrokerError } from '../errors.js';

export type SendStatus = 'SEND_OK' | 'FLUSH_DISK_TIMEOUT' | 'FLUSH_SLAVE_TIMEOUT' | 'SLAVE_NOT_AVAILABLE';

export interface SendResult {
  sendStatus: SendStatus;
  msgId: string;
  offsetMsgId: string;
  messageQueue: MessageQueue;
  queueOffset: number;
  transactionId?: string;
  /** MSG_REGION of the answer (DefaultRegion when absent). */
  regionId: string;
  /** TRACE_ON of the answer: false only when the broker says "false". */
  traceOn: boolean;
}

const STATUS_OF_CODE: ReadonlyMap<number, SendStatus> = new Map<number, SendStatus>([
  [ResponseCode.SUCCESS, 'SEND_OK'],
  [ResponseCode.FLUSH_DISK_TIMEOUT, 'FLUSH_DISK_TIMEOUT'],
  [ResponseCode.FLUSH_SLAVE_TIMEOUT, 'FLUSH_SLAVE_TIMEOUT'],
  [ResponseCode.SLAVE_NOT_AVAILABLE, 'SLAVE_NOT_AVAILABLE'],
]);

export const DEFAULT_REGION_ID = 'DefaultRegion';

export interface SentTo {
  address: string;
  brokerName: string;
  topic: string;
  /** UNIQ_KEY of the message, or of each message of a batch. */
  uniqueKeys: readonly string[];
}

export function sendResultOfResponse(response: RemotingCommand, sentTo: SentTo): SendResult {
  const sendStatus = STATUS_OF_CODE.get(response.code);
  if (sendStatus === undefined) throw new MQBrokerError(response.code, response.remark, sentTo.address);
  const header = SendMessageResponseHeader.decode(response.extFields);
  const result: SendResult = {
    sendStatus,
    msgId: sentTo.uniqueKeys.join(','),
    offsetMsgId: header.msgId,
    messageQueue: { topic: sentTo.topic, brokerName: sentTo.brokerName, queueId: header.queueId },
    queueOffset: header.queueOffset,
    regionId: header.msgRegion !== undefined && header.msgRegion.length > 0 ? header.msgRegion : DEFAULT_REGION_ID,
    traceOn: header.traceOn !== 'false',
  };
  if (header.transactionId !== undefined) result.transactionId = header.transactionId;
  return result;
}
