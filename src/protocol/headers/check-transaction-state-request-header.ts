/**
 * CheckTransactionStateRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of CHECK_TRANSACTION_STATE (39), oneway from the broker to a producer;
 * the body is the stored half message.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | tranStateTableOffset | long | yes | queue offset of the half message |
 * | commitLogOffset | long | yes | commit-log offset of the half message |
 * | msgId | string | no | UNIQ_KEY |
 * | transactionId | string | no | transaction id (= UNIQ_KEY) |
 * | offsetMsgId | string | no | offset message id of the half record |
 * | bname | string | no | broker name the client believes it is talking to (Java >= 4.9.5) |
 * | topic | string | no | [5.x] topic |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const CheckTransactionStateRequestHeader = defineHeader('CheckTransactionStateRequestHeader', {
  tranStateTableOffset: required('long'),
  commitLogOffset: required('long'),
  msgId: optional('string'),
  transactionId: optional('string'),
  offsetMsgId: optional('string'),
  bname: optional('string'),
  topic: optional('string'),
});
export type CheckTransactionStateRequestHeader = HeaderOf<typeof CheckTransactionStateRequestHeader.schema>;
