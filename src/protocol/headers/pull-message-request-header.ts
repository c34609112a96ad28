/**
 * PullMessageRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of PULL_MESSAGE (11) and LITE_PULL_MESSAGE (361).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | consumerGroup | string | yes | consumer group |
 * | topic | string | yes | topic |
 * | queueId | int | yes | queue id (< readQueueNums) |
 * | queueOffset | long | yes | logical offset to read from |
 * | maxMsgNums | int | yes | most messages to return (32) |
 * | sysFlag | int | yes | PullSysFlag bits (commit offset, suspend, subscription, class filter, lite pull) |
 * | commitOffset | long | yes | consumer offset to store when sysFlag bit 0 is set |
 * | suspendTimeoutMillis | long | yes | long-poll hold time (15000 push, 20000 pull) |
 * | subscription | string | no | subscription expression when sysFlag bit 2 is set |
 * | subVersion | long | yes | subscription version (client ms clock) |
 * | expressionType | string | no | TAG (default) or SQL92 |
 * | bname | string | no | broker name the client believes it is talking to (Java >= 4.9.5) |
 * | maxMsgBytes | int | no | [5.x] byte limit of the answer |
 * | requestSource | int | no | [5.x] proxy request source |
 * | proxyFrowardClientId | string | no | [5.x] client id forwarded by a proxy (sic) |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const PullMessageRequestHeader = defineHeader('PullMessageRequestHeader', {
  consumerGroup: required('string'),
  topic: required('string'),
  queueId: required('int'),
  queueOffset: required('long'),
  maxMsgNums: required('int'),
  sysFlag: required('int'),
  commitOffset: required('long'),
  suspendTimeoutMillis: required('long'),
  subscription: optional('string'),
  subVersion: required('long'),
  expressionType: optional('string'),
  bname: optional('string'),
  maxMsgBytes: optional('int'),
  requestSource: optional('int'),
  proxyFrowardClientId: optional('string'),
});
export type PullMessageRequestHeader = HeaderOf<typeof PullMessageRequestHeader.schema>;
