/**
 * END_TRANSACTION (37): a producer ends a transaction — oneway from Java producers, and
 * answered when sent as a request (Java 4.9.8 EndTransactionProcessor).
 *
 *   header commitOrRollback not 0 / 8 / 12  → 1 `commitOrRollback field wrong`
 *   a slave                                 → 11 SLAVE_NOT_AVAILABLE, no remark
 *   0 (unknown), or any other type          → nothing done, no answer (logged when 0)
 *   8 COMMIT / 12 ROLLBACK: the half message at commitLogOffset must exist and match:
 *     none                                  → 1 `Find prepared transaction message failed`
 *     PGROUP ≠ producerGroup                → 1 `The producer group wrong`
 *     queue offset ≠ tranStateTableOffset   → 1 `The transaction state table offset wrong`
 *     commit-log offset ≠ commitLogOffset   → 1 `The commit log offset wrong`
 *   COMMIT stores the real message (transaction-messages.ts committedMessage; store answers
 *   mapped as Java's sendFinalMessage) and, once stored, the op message that ends the half
 *   message; ROLLBACK stores only the op message. Both answer 0.
 * With fromTransactionCheck (an answer to CHECK_TRANSACTION_STATE) each outcome is logged.
 * Like Java, a transaction committed twice is stored twice.
 */
import { RocketMQError } from '../../common/errors.js';
import { EndTransactionRequestHeader } from '../../protocol/headers/end-transaction-request-header.js';
import type { MessageRecord } from '../../protocol/message/message-record.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import { TransactionType } from '../../protocol/message/sys-flag.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { PutMessageStatus } from '../../store/message-store.js';
import type { BrokerContext, BrokerHandler } from '../broker-context.js';
import { committedMessage, opMessage } from '../transaction/transaction-messages.js';

type Answer = { code: number; remark: string | null };

export const endTransaction: BrokerHandler = async (context, request, connection) => {
  const header = EndTransactionRequestHeader.decode(request.extFields);
  const type = header.commitOrRollback;
  if (type !== TransactionType.NOT_TYPE && type !== TransactionType.COMMIT && type !== TransactionType.ROLLBACK) {
    throw new RocketMQError('HEADER_FIELD_INVALID', 'commitOrRollback field wrong');
  }
  if (context.config.brokerRole === 'SLAVE') {
    context.logger.warn('Message store is slave mode, so end transaction is forbidden.');
    return createResponse(request, ResponseCode.SLAVE_NOT_AVAILABLE);
  }
  const details = { producer: connection.remoteAddress, header, remark: request.remark };
  if (header.fromTransactionCheck === true) {
    if (type === TransactionType.NOT_TYPE) context.logger.warn(details, "Check producer transaction state, but it's pending status.");
    else if (type === TransactionType.COMMIT) context.logger.warn(details, 'Check producer transaction state, the producer commit the message.');
    else context.logger.warn(details, 'Check producer transaction state, the producer rollback the message.');
  } else if (type === TransactionType.NOT_TYPE) {
    context.logger.warn(details, "The producer end transaction in sending message, and it's pending status.");
  } else if (type === TransactionType.ROLLBACK) {
    context.logger.warn(details, 'The producer end transaction in sending message, rollback the message.');
  }
  if (type === TransactionType.NOT_TYPE) return null;
  const answer = await endWith(context, header, type === TransactionType.COMMIT);
  return createResponse(request, answer.code, answer.remark === null ? {} : { remark: answer.remark });
};

async function endWith(context: BrokerContext, header: EndTransactionRequestHeader, commit: boolean): Promise<Answer> {
  const half = await context.store.lookMessageByOffset(header.commitLogOffset);
  const mismatch = checkPrepareMessage(half, header);
  if (mismatch || !half) return mismatch ?? failed('Find prepared transaction message failed');
  if (commit) {
    const rebuilt = committedMessage(half, header.commitLogOffset, context.delayLevels);
    if (!rebuilt.ok) return failed(rebuilt.remark);
    const result = await context.store.putMessage(rebuilt.message);
    const answer = finalMessageAnswer(context, result.status);
    if (answer.code !== ResponseCode.SUCCESS) return answer;
  }
  await deletePrepareMessage(context, half);
  return { code: ResponseCode.SUCCESS, remark: null };
}

function failed(remark: string): Answer {
  return { code: ResponseCode.SYSTEM_ERROR, remark };
}

/** Java checkPrepareMessage: null when the half message matches the header. */
function checkPrepareMessage(half: MessageRecord | null, header: EndTransactionRequestHeader): Answer | null {
  if (!half) return failed('Find prepared transaction message failed');
  if (half.properties[PropertyKey.PRODUCER_GROUP] !== header.producerGroup) return failed('The producer group wrong');
  if (half.queueOffset !== header.tranStateTableOffset) return failed('The transaction state table offset wrong');
  if (half.commitLogOffset !== header.commitLogOffset) return failed('The commit log offset wrong');
  return null;
}

/** Writes the op message that ends a half message; a failure is logged (the check service will ask again). */
async function deletePrepareMessage(context: BrokerContext, half: MessageRecord): Promise<void> {
  const result = await context.store.putMessage(opMessage(half, context.storeHost, Date.now()));
  if (result.status !== 'PUT_OK') {
    context.logger.error({ queueId: half.queueId, queueOffset: half.queueOffset, status: result.status }, 'Transaction op message write failed.');
  }
}

/** Java sendFinalMessage: the answer for the store's status. */
export function finalMessageAnswer(context: BrokerContext, status: PutMessageStatus): Answer {
  switch (status) {
    case 'PUT_OK':
    case 'FLUSH_DISK_TIMEOUT':
    case 'FLUSH_SLAVE_TIMEOUT':
    case 'SLAVE_NOT_AVAILABLE':
      return { code: ResponseCode.SUCCESS, remark: null };
    case 'CREATE_MAPEDFILE_FAILED':
      return failed('Create mapped file failed.');
    case 'MESSAGE_ILLEGAL':
    case 'PROPERTIES_SIZE_EXCEEDED':
      return {
        code: ResponseCode.MESSAGE_ILLEGAL,
        remark: `The message is illegal, maybe msg body or properties length not matched. msg body length limit ${context.config.maxMessageSize}B, msg properties length limit 32KB.`,
      };
    case 'SERVICE_NOT_AVAILABLE':
      return { code: ResponseCode.SERVICE_NOT_AVAILABLE, remark: 'Service not available now.' };
    case 'OS_PAGECACHE_BUSY':
      return failed('OS page cache busy, please try another machine');
    case 'UNKNOWN_ERROR':
      return failed('UNKNOWN_ERROR');
  }
}
