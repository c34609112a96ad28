/**
 * SendMessageResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of every send (10, 310, 320, 324, 325). MSG_REGION and TRACE_ON are
 * not fields of the Java class: the 4.9 broker adds them to the ext map and the Java
 * client reads them from there, so they are modelled here as optional fields.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | msgId | string | yes | offset message id of the stored record; ids joined with "," for a batch |
 * | queueId | int | yes | queue actually used |
 * | queueOffset | long | yes | logical offset of the (first) message |
 * | transactionId | string | no | not set by 4.9 brokers |
 * | MSG_REGION | string | no | region id (4.9 broker: DefaultRegion) (property `msgRegion`) |
 * | TRACE_ON | string | no | "true" / "false": message-trace switch (property `traceOn`) |
 * | batchUniqId | string | no | [5.x] unique id of a batch |
 * | recallHandle | string | no | [5.x] handle to recall a delayed message |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const SendMessageResponseHeader = defineHeader('SendMessageResponseHeader', {
  msgId: required('string'),
  queueId: required('int'),
  queueOffset: required('long'),
  transactionId: optional('string'),
  msgRegion: optional('string', 'MSG_REGION'),
  traceOn: optional('string', 'TRACE_ON'),
  batchUniqId: optional('string'),
  recallHandle: optional('string'),
});
export type SendMessageResponseHeader = HeaderOf<typeof SendMessageResponseHeader.schema>;
