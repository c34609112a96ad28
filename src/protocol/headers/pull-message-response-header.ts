/**
 * PullMessageResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of PULL_MESSAGE / LITE_PULL_MESSAGE, required on codes 0, 19, 20 and
 * 21 (the Java client unboxes all four, ali-ons calls toString on them).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | suggestWhichBrokerId | long | yes | 0 = keep pulling from the master; else a slave id |
 * | nextBeginOffset | long | yes | offset for the next pull |
 * | minOffset | long | yes | queue min logical offset |
 * | maxOffset | long | yes | queue max logical offset (next to be written) |
 * | offsetDelta | long | no | [5.x] static-topic offset delta |
 * | topicSysFlag | int | no | [5.x] topic sysFlag |
 * | groupSysFlag | int | no | [5.x] group sysFlag |
 * | forbiddenType | int | no | [5.x] why a pull was forbidden |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const PullMessageResponseHeader = defineHeader('PullMessageResponseHeader', {
  suggestWhichBrokerId: required('long'),
  nextBeginOffset: required('long'),
  minOffset: required('long'),
  maxOffset: required('long'),
  offsetDelta: optional('long'),
  topicSysFlag: optional('int'),
  groupSysFlag: optional('int'),
  forbiddenType: optional('int'),
});
export type PullMessageResponseHeader = HeaderOf<typeof PullMessageResponseHeader.schema>;
