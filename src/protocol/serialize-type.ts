/**
 * SerializeType: how a command header is encoded, carried in the high byte of the
 * frame's header-length word. JSON (0) is every client's default; ROCKETMQ (1) is the
 * compact binary layout that Java clients opt into.
 */
export const SerializeType = {
  JSON: 0,
  ROCKETMQ: 1,
} as const;

export type SerializeType = (typeof SerializeType)[keyof typeof SerializeType];

export function serializeTypeName(type: SerializeType): 'JSON' | 'ROCKETMQ' {
  return type === SerializeType.JSON ? 'JSON' : 'ROCKETMQ';
}
