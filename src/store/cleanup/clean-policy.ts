/**
 * When the store deletes commit-log files, and when it refuses writes — RocketMQ 4.9.8's
 * CleanCommitLogService rules, as a pure decision:
 * - delete expired files (older than fileReservedTime hours) at the hours listed in
 *   deleteWhen (`04`, `04;16`), or at any time once disk usage passes
 *   diskMaxUsedSpaceRatio, or when an operator asked (DELETE_EXPIRED_COMMITLOG);
 * - past 85 % disk usage delete even files that have not expired (clean at once);
 * - past 90 % mark the disk full: puts are refused until usage falls below 85 % again.
 * The 85 % / 90 % levels are RocketMQ's `diskSpaceCleanForciblyRatio` and
 * `diskSpaceWarningLevelRatio` system properties.
 */
export const DISK_SPACE_WARNING_LEVEL_RATIO = 0.9;
export const DISK_SPACE_CLEAN_FORCIBLY_RATIO = 0.85;

export interface CleanInput {
  /** Hour of the day, 0..23, local time. */
  hour: number;
  deleteWhen: string;
  /** Used share of the commit log's disk, 0..1. */
  diskUsedRatio: number;
  diskMaxUsedSpaceRatio: number;
  manualDelete: boolean;
  /** Whether the disk was marked full at the last decision. */
  diskFull: boolean;
}

export interface CleanDecision {
  deleteExpired: boolean;
  /** Delete files even when they have not expired. */
  cleanAtOnce: boolean;
  diskFull: boolean;
}

export function decideClean(input: CleanInput): CleanDecision {
  const timeUp = isHourListed(input.hour, input.deleteWhen);
  const overRatio = input.diskUsedRatio > input.diskMaxUsedSpaceRatio / 100;
  const cleanAtOnce = input.diskUsedRatio > DISK_SPACE_CLEAN_FORCIBLY_RATIO;
  let diskFull = input.diskFull;
  if (input.diskUsedRatio > DISK_SPACE_WARNING_LEVEL_RATIO) diskFull = true;
  else if (input.diskUsedRatio <= DISK_SPACE_CLEAN_FORCIBLY_RATIO) diskFull = false;
  return { deleteExpired: timeUp || overRatio || input.manualDelete, cleanAtOnce, diskFull };
}

/** RocketMQ's `UtilAll.isItTimeToDo`: `deleteWhen` is hours separated by `;`. */
export function isHourListed(hour: number, deleteWhen: string): boolean {
  return deleteWhen
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .some((item) => Number(item) === hour);
}
