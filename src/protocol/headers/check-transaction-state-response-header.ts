/**
 * CheckTransactionStateResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Header class kept by 4.9.8 for a synchronous answer to CHECK_TRANSACTION_STATE;
 * clients answer with END_TRANSACTION instead, so no code maps to it.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | producerGroup | string | yes | producer group |
 * | tranStateTableOffset | long | yes | queue offset of the half message |
 * | commitLogOffset | long | yes | commit-log offset of the half message |
 * | commitOrRollback | int | yes | 0 unknown, 8 commit, 12 rollback |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const CheckTransactionStateResponseHeader = defineHeader('CheckTransactionStateResponseHeader', {
  producerGroup: required('string'),
  tranStateTableOffset: required('long'),
  commitLogOffset: required('long'),
  commitOrRollback: required('int'),
});
export type CheckTransactionStateResponseHeader = HeaderOf<typeof CheckTransactionStateResponseHeader.schema>;
