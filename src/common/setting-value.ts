/**
 * Typed values of settings read from Java properties text (broker.conf, namesrv.conf,
 * UPDATE_*_CONFIG bodies): a string as written, `true`/`false`, a 32-bit int, a safe-integer
 * long, or one of a fixed list of words. Anything else reads as undefined, for the caller
 * to report with the setting's name.
 */
export type SettingType = 'string' | 'boolean' | 'int' | 'long' | readonly string[];

export function parseSettingValue(type: SettingType, text: string): string | number | boolean | undefined {
  const trimmed = text.trim();
  if (typeof type !== 'string') return type.includes(trimmed) ? trimmed : undefined;
  switch (type) {
    case 'string':
      return text;
    case 'boolean':
      return trimmed === 'true' ? true : trimmed === 'false' ? false : undefined;
    case 'int':
    case 'long': {
      if (!/^[+-]?\d+$/.test(trimmed)) return undefined;
      const value = Number(trimmed);
      const limit = type === 'int' ? 2 ** 31 : Number.MAX_SAFE_INTEGER;
      return value >= -limit && value < limit ? value : undefined;
    }
  }
}
