/**
 * PullSysFlag: the bits of a PULL_MESSAGE request's `sysFlag` (Java PullSysFlag), read by
 * the broker and written by the client.
 *
 *   0x1  COMMIT_OFFSET  the request carries the consumer offset to store (`commitOffset`)
 *   0x2  SUSPEND        the broker may park the pull until a message arrives
 *   0x4  SUBSCRIPTION   the request's `subscription` / `expressionType` are authoritative
 *   0x8  CLASS_FILTER   obsolete filter-server mode
 *   0x10 LITE_PULL      a lite pull consumer (5.x sends it with code 361)
 *
 * Java push consumers send 2, then 3 once they have consumed; ali-ons 6 / 7; pull
 * consumers 4 (plus 2 when blocking).
 */
export const PullSysFlag = {
  COMMIT_OFFSET: 0x1,
  SUSPEND: 0x2,
  SUBSCRIPTION: 0x4,
  CLASS_FILTER: 0x8,
  LITE_PULL: 0x10,
} as const;

export interface PullSysFlagBits {
  commitOffset?: boolean;
  suspend?: boolean;
  subscription?: boolean;
  classFilter?: boolean;
  litePull?: boolean;
}

export function buildPullSysFlag(bits: PullSysFlagBits): number {
  let flag = 0;
  if (bits.commitOffset) flag |= PullSysFlag.COMMIT_OFFSET;
  if (bits.suspend) flag |= PullSysFlag.SUSPEND;
  if (bits.subscription) flag |= PullSysFlag.SUBSCRIPTION;
  if (bits.classFilter) flag |= PullSysFlag.CLASS_FILTER;
  if (bits.litePull) flag |= PullSysFlag.LITE_PULL;
  return flag;
}

/** `flag` without COMMIT_OFFSET (Java clears it when pulling from a slave). */
export function clearCommitOffsetFlag(flag: number): number {
  return flag & ~PullSysFlag.COMMIT_OFFSET;
}

export function hasCommitOffsetFlag(sysFlag: number): boolean {
  return (sysFlag & PullSysFlag.COMMIT_OFFSET) !== 0;
}

export function hasSuspendFlag(sysFlag: number): boolean {
  return (sysFlag & PullSysFlag.SUSPEND) !== 0;
}

export function hasSubscriptionFlag(sysFlag: number): boolean {
  return (sysFlag & PullSysFlag.SUBSCRIPTION) !== 0;
}
