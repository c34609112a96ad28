/**
 * The END_TRANSACTION headers a transaction producer sends, as the 4.9.8 Java client
 * fills them:
 *
 * | field | after sendMessageInTransaction | answering CHECK_TRANSACTION_STATE |
 * | --- | --- | --- |
 * | producerGroup | the producer's group | the producer's group |
 * | tranStateTableOffset | the send's queueOffset | the check's tranStateTableOffset |
 * | commitLogOffset | from the send's offsetMsgId | the check's commitLogOffset |
 * | commitOrRollback | 8 / 12 / 0 of the state | 8 / 12 / 0 of the state |
 * | fromTransactionCheck | false | true |
 * | msgId | the send's msgId (UNIQ_KEY) | the half's UNIQ_KEY, else its msgId |
 * | transactionId | the send answer's transactionId (a 4.9.8 broker sends none) | the check's transactionId |
 * | bname | the queue's broker name | the check's bname |
 *
 * The remark carries the listener's error: `executeLocalTransactionBranch exception: <e>`
 * or `checkLocalTransactionState Exception: <e>, <first stack frame>`.
 */
import type { CheckTransactionStateRequestHeader } from '../../protocol/headers/check-transaction-state-request-header.js';
import type { EndTransactionRequestHeader } from '../../protocol/headers/end-transaction-request-header.js';
import { parseOffsetMessageId } from '../../protocol/message/message-id.js';
import { PropertyKey } from '../../protocol/message/properties.js';
import type { MessageExt } from '../message/message-ext.js';
import { commitOrRollbackOf, type LocalTransactionState } from './local-transaction-state.js';
import type { SendResult } from './send-result.js';

/** The header that ends the transaction of a half message just sent. */
export function endTransactionHeaderOfSend(producerGroup: string, sent: SendResult, state: LocalTransactionState): EndTransactionRequestHeader {
  const header: EndTransactionRequestHeader = {
    producerGroup,
    tranStateTableOffset: sent.queueOffset,
    commitLogOffset: parseOffsetMessageId(sent.offsetMsgId).commitLogOffset,
    commitOrRollback: commitOrRollbackOf(state),
    fromTransactionCheck: false,
    msgId: sent.msgId,
    bname: sent.messageQueue.brokerName,
  };
  if (sent.transactionId !== undefined) header.transactionId = sent.transactionId;
  return header;
}

/** The header that answers a broker's check of `message`. */
export function endTransactionHeaderOfCheck(producerGroup: string, check: CheckTransactionStateRequestHeader, message: MessageExt, state: LocalTransactionState): EndTransactionRequestHeader {
  const header: EndTransactionRequestHeader = {
    producerGroup,
    tranStateTableOffset: check.tranStateTableOffset,
    commitLogOffset: check.commitLogOffset,
    commitOrRollback: commitOrRollbackOf(state),
    fromTransactionCheck: true,
    msgId: message.properties[PropertyKey.UNIQ_CLIENT_MESSAGE_ID_KEYIDX] ?? message.msgId,
  };
  if (check.transactionId !== undefined) header.transactionId = check.transactionId;
  if (check.bname !== undefined) header.bname = check.bname;
  return header;
}

export function executeErrorRemark(error: unknown): string {
  return `executeLocalTransactionBranch exception: ${String(error)}`;
}

/** The error and where it was thrown, as Java's RemotingHelper.exceptionSimpleDesc gives them. */
export function checkErrorRemark(error: unknown): string {
  const frame = error instanceof Error ? error.stack?.split('\n').find((line) => line.trim().startsWith('at ')) : undefined;
  return `checkLocalTransactionState Exception: ${String(error)}${frame === undefined ? '' : `, ${frame.trim().slice(3)}`}`;
}
