/**
 * TransactionListener: the application's side of a transactional send (Java
 * `TransactionListener`).
 *
 * - `executeLocalTransaction(msg, arg)` runs once the half message is stored (SEND_OK);
 *   `msg` is the message as sent, with `transactionId` = its UNIQ_KEY. A throw counts as
 *   UNKNOW (the broker will ask later).
 * - `checkLocalTransaction(msg)` answers the broker's CHECK_TRANSACTION_STATE for a half
 *   message it has no outcome for; `msg` is the stored half message (topic
 *   RMQ_SYS_TRANS_HALF_TOPIC, REAL_TOPIC / REAL_QID / TRAN_MSG / PGROUP among its
 *   properties) with `transactionId` = its UNIQ_KEY. A throw counts as UNKNOW.
 *
 * Either may answer a promise. Anything that is not a LocalTransactionState counts as
 * UNKNOW.
 */
import type { Message } from '../message/message.js';
import type { MessageExt } from '../message/message-ext.js';
import type { LocalTransactionState } from './local-transaction-state.js';
import type { SendResult } from './send-result.js';

/** The message handed to executeLocalTransaction. */
export interface TransactionMessage extends Message {
  /** The UNIQ_KEY the producer gave the half message (Java `Message.getTransactionId`). */
  transactionId: string;
}

/** The half message handed to checkLocalTransaction. */
export interface TransactionCheckMessage extends MessageExt {
  /** Its UNIQ_KEY when it has one (Java sets it only then). */
  transactionId: string | undefined;
}

export type LocalTransactionOutcome = LocalTransactionState | null | undefined | Promise<LocalTransactionState | null | undefined>;

export interface TransactionListener<A = unknown> {
  executeLocalTransaction(msg: TransactionMessage, arg: A): LocalTransactionOutcome;
  checkLocalTransaction(msg: TransactionCheckMessage): LocalTransactionOutcome;
}

/** The outcome of sendMessageInTransaction (Java `TransactionSendResult`). */
export interface TransactionSendResult extends SendResult {
  localTransactionState: LocalTransactionState;
}
