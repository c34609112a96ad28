/**
 * PullSysFlag: the `sysFlag` bits of a pull request.
 *
 *   0x1  COMMIT_OFFSET   the request carries the consumer offset to store (commitOffset)
 *   0x2  SUSPEND         the broker may hold the request until a message arrives
 *   0x4  SUBSCRIPTION    the request's subscription expression is authoritative
 *   0x8  CLASS_FILTER    obsolete filter-server mode
 *   0x10 LITE_PULL       lite pull consumer
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
