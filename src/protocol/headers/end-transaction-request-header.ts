/**
 * EndTransactionRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of END_TRANSACTION (37), oneway from the producer; the request remark
 * may carry its exception text. The response header has no fields.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | producerGroup | string | yes | producer group |
 * | tranStateTableOffset | long | yes | queue offset of the half message |
 * | commitLogOffset | long | yes | commit-log offset of the half message |
 * | commitOrRollback | int | yes | 0 unknown, 8 commit, 12 rollback |
 * | fromTransactionCheck | boolean | no | answer to CHECK_TRANSACTION_STATE; Java default false |
 * | msgId | string | yes | UNIQ_KEY of the message |
 * | transactionId | string | no | transaction id (= UNIQ_KEY) |
 * | bname | string | no | broker name the client believes it is talking to (Java >= 4.9.5) |
 * | topic | string | no | [5.x] topic |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const EndTransactionRequestHeader = defineHeader('EndTransactionRequestHeader', {
  producerGroup: required('string'),
  tranStateTableOffset: required('long'),
  commitLogOffset: required('long'),
  commitOrRollback: required('int'),
  fromTransactionCheck: optional('boolean'),
  msgId: required('string'),
  transactionId: optional('string'),
  bname: optional('string'),
  topic: optional('string'),
});
export type EndTransactionRequestHeader = HeaderOf<typeof EndTransactionRequestHeader.schema>;
