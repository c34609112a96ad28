/**
 * LocalTransactionState: what an application's local transaction came to (Java
 * `LocalTransactionState`, with its spelling `UNKNOW`), and the transaction type each
 * state puts in END_TRANSACTION's `commitOrRollback`:
 *
 * | state | commitOrRollback | what the broker does with the half message |
 * | --- | --- | --- |
 * | COMMIT_MESSAGE | 8 (TRANSACTION_COMMIT_TYPE) | stores it in its real topic and queue, deletes the half |
 * | ROLLBACK_MESSAGE | 12 (TRANSACTION_ROLLBACK_TYPE) | deletes the half |
 * | UNKNOW | 0 (TRANSACTION_NOT_TYPE) | nothing; it will ask the producer group later (CHECK_TRANSACTION_STATE) |
 */
import { TransactionType } from '../../protocol/message/sys-flag.js';

export const LocalTransactionState = {
  COMMIT_MESSAGE: 'COMMIT_MESSAGE',
  ROLLBACK_MESSAGE: 'ROLLBACK_MESSAGE',
  UNKNOW: 'UNKNOW',
} as const;
export type LocalTransactionState = (typeof LocalTransactionState)[keyof typeof LocalTransactionState];

const TYPE_OF_STATE: Readonly<Record<LocalTransactionState, TransactionType>> = {
  COMMIT_MESSAGE: TransactionType.COMMIT,
  ROLLBACK_MESSAGE: TransactionType.ROLLBACK,
  UNKNOW: TransactionType.NOT_TYPE,
};

/** The `commitOrRollback` value of END_TRANSACTION for `state`. */
export function commitOrRollbackOf(state: LocalTransactionState): TransactionType {
  return TYPE_OF_STATE[state];
}

/**
 * `value` when it is a state; UNKNOW otherwise. A listener that answers nothing (Java
 * `null`) or something that is no state leaves the transaction to the broker's check.
 */
export function localTransactionStateOf(value: unknown): LocalTransactionState {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TYPE_OF_STATE, value) ? (value as LocalTransactionState) : LocalTransactionState.UNKNOW;
}
