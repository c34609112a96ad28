/**
 * The bits of a topic's `topicSysFlag` that the name server reads (RocketMQ TopicSysFlag):
 * bit 0 = unit topic, bit 1 = has unit subscriptions. Permission bits are protocol/perm-name.ts.
 */

const FLAG_UNIT = 1;
const FLAG_UNIT_SUB = 2;

export function hasUnitFlag(sysFlag: number): boolean {
  return (sysFlag & FLAG_UNIT) === FLAG_UNIT;
}

export function hasUnitSubFlag(sysFlag: number): boolean {
  return (sysFlag & FLAG_UNIT_SUB) === FLAG_UNIT_SUB;
}
