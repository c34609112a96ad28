/**
 * The permission bits of a topic's (and the broker's) `perm` (RocketMQ PermName):
 *
 *   8 PRIORITY   4 READ   2 WRITE   1 INHERIT (the topic is a template for auto-creation)
 *
 * A normal topic is 6 (read + write); TBW102 on a broker that auto-creates topics is 7.
 * `permText` is Java's perm2String: `RWX` with `-` for each missing bit.
 */
export const PermName = {
  PRIORITY: 0x8,
  READ: 0x4,
  WRITE: 0x2,
  INHERIT: 0x1,
} as const;

export function isReadable(perm: number): boolean {
  return (perm & PermName.READ) === PermName.READ;
}

export function isWriteable(perm: number): boolean {
  return (perm & PermName.WRITE) === PermName.WRITE;
}

export function isInherited(perm: number): boolean {
  return (perm & PermName.INHERIT) === PermName.INHERIT;
}

export function permText(perm: number): string {
  return (isReadable(perm) ? 'R' : '-') + (isWriteable(perm) ? 'W' : '-') + (isInherited(perm) ? 'X' : '-');
}
