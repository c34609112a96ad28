/**
 * LanguageCode: the sender's language in every command header.
 *
 * JSON headers carry the name (`"JAVA"`), ROCKETMQ binary headers the byte code.
 * Values are RocketMQ 4.9.8's, plus 5.x's NODE_JS (13). Java clients also accept
 * the ordinal number in JSON, so decoding accepts both forms.
 */
export const LanguageCode = {
  JAVA: 0,
  CPP: 1,
  DOTNET: 2,
  PYTHON: 3,
  DELPHI: 4,
  ERLANG: 5,
  RUBY: 6,
  OTHER: 7,
  HTTP: 8,
  GO: 9,
  PHP: 10,
  OMS: 11,
  RUST: 12,
  NODE_JS: 13,
} as const;

export type LanguageName = keyof typeof LanguageCode;

const namesByCode = new Map<number, LanguageName>(
  (Object.entries(LanguageCode) as [LanguageName, number][]).map(([name, code]) => [code, name]),
);

export function isLanguageName(value: string): value is LanguageName {
  return Object.hasOwn(LanguageCode, value);
}

/** The language name for a binary code; unknown codes read as OTHER, as a tolerant peer would. */
export function languageNameOf(code: number): LanguageName {
  return namesByCode.get(code) ?? 'OTHER';
}
