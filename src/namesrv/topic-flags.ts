/**
 * The bits of a topic's `perm` and `topicSysFlag` that the name server reads or changes
 * (RocketMQ PermName and TopicSysFlag).
 *
 * perm:        4 = readable, 2 = writable, 1 = inherited (TBW102 lends its route).
 * topicSysFlag: bit 0 = unit topic, bit 1 = has unit subscriptions.
 */

export const PERM_READ = 4;
export const PERM_WRITE = 2;
export const PERM_INHERIT = 1;

const FLAG_UNIT = 1;
const FLAG_UNIT_SUB = 2;

export function hasUnitFlag(sysFlag: number): boolean {
  return (sysFlag & FLAG_UNIT) === FLAG_UNIT;
}

export function hasUnitSubFlag(sysFlag: number): boolean {
  return (sysFlag & FLAG_UNIT_SUB) === FLAG_UNIT_SUB;
}
