/**
 * CLEAN_EXPIRED_CONSUMEQUEUE (306, mqadmin cleanExpiredCQ): removes from the store every
 * consume queue whose messages all lie in commit-log files already deleted (RocketMQ 4.9.8
 * AdminBrokerProcessor.cleanExpiredConsumeQueue → DefaultMessageStore
 * .cleanExpiredConsumerQueue; the rule is store/cleanup/queue-cleanup.ts). Such a queue's
 * next message starts again at offset 0. No header; always answered 0, as 4.9.8 does.
 */
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const cleanExpiredConsumequeue: BrokerHandler = async (context, request, connection) => {
  context.logger.warn({ from: connection.remoteAddress }, 'invoke cleanExpiredConsumeQueue start.');
  const removed = await context.store.cleanExpiredConsumeQueues();
  context.logger.warn({ removed }, 'invoke cleanExpiredConsumeQueue end.');
  return createResponse(request, ResponseCode.SUCCESS);
};
