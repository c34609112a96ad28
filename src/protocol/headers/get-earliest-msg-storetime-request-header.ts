/**
 * GetEarliestMsgStoretimeRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_EARLIEST_MSG_STORETIME (32).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 * | queueId | int | yes | queue id |
 * | bname | string | no | broker name the client believes it is talking to (Java >= 4.9.5) |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const GetEarliestMsgStoretimeRequestHeader = defineHeader('GetEarliestMsgStoretimeRequestHeader', {
  topic: required('string'),
  queueId: required('int'),
  bname: optional('string'),
});
export type GetEarliestMsgStoretimeRequestHeader = HeaderOf<typeof GetEarliestMsgStoretimeRequestHeader.schema>;
