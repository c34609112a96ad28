/**
 * Compares the shape of two JSON values: the same keys (ours may add only the keys
 * allowed), the same types, recursively; arrays by their first elements.
 */
export function shapeDifferences(expected: unknown, actual: unknown, allowedExtraKeys: ReadonlySet<string> = new Set(), path = '$'): string[] {
  const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  if (kind(expected) !== kind(actual)) return [`${path}: ${kind(expected)} expected, got ${kind(actual)}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length === 0 || actual.length === 0) return [];
    return shapeDifferences(expected[0], actual[0], allowedExtraKeys, `${path}[0]`);
  }
  if (kind(expected) !== 'object') return [];
  const want = expected as Record<string, unknown>;
  const have = actual as Record<string, unknown>;
  const differences: string[] = [];
  for (const key of Object.keys(want)) {
    if (!Object.hasOwn(have, key)) differences.push(`${path}.${key}: missing`);
    else differences.push(...shapeDifferences(want[key], have[key], allowedExtraKeys, `${path}.${key}`));
  }
  for (const key of Object.keys(have)) {
    if (!Object.hasOwn(want, key) && !allowedExtraKeys.has(key)) differences.push(`${path}.${key}: not expected`);
  }
  return differences;
}
