/**
 * GetEarliestMsgStoretimeResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of GET_EARLIEST_MSG_STORETIME (32).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | timestamp | long | yes | store time of the earliest message, ms |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetEarliestMsgStoretimeResponseHeader = defineHeader('GetEarliestMsgStoretimeResponseHeader', {
  timestamp: required('long'),
});
export type GetEarliestMsgStoretimeResponseHeader = HeaderOf<typeof GetEarliestMsgStoretimeResponseHeader.schema>;
