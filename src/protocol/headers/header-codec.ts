/**
 * Declarative custom headers: a header is a schema of typed fields, and its codec turns
 * the flat `extFields` string map of a RemotingCommand into a typed value and back.
 *
 *   const FooHeader = defineHeader('FooHeader', {
 *     topic: required('string'),
 *     queueId: required('int'),
 *     producerGroup: required('string', 'a'),   // property name differs from the wire key
 *     unitMode: optional('boolean'),
 *   });
 *   type FooHeader = HeaderOf<typeof FooHeader.schema>;
 *   // { topic: string; queueId: number; producerGroup: string; unitMode?: boolean }
 *
 * Decoding follows the Java server (RemotingCommand.decodeCommandCustomHeader with
 * fastjson-coerced ext values):
 *   - a required field whose key is absent raises HEADER_FIELD_MISSING with Java's text
 *     `the custom field <key> is null`; absent optional fields stay absent;
 *   - string values are taken verbatim; int (32-bit), long (64-bit: exact up to 2^53, the
 *     nearest double beyond, so that Long.MAX_VALUE sentinels survive a round trip), double
 *     and boolean (`true` / `false`, any case) values are trimmed and parsed, and a value
 *     that does not parse raises HEADER_FIELD_INVALID naming the key and the value;
 *   - keys the schema does not know (AccessKey, Signature, ReqT, …) are ignored.
 * Encoding writes every present field as a string under its wire key and omits absent
 * optional fields (Java skips null fields); a required field that is absent raises
 * HEADER_FIELD_MISSING, because the peer would fail on it.
 *
 * The codec precomputes one flat field table per header; decode and encode are a single
 * loop over it with no closures or regular expressions (send and pull are hot paths).
 */
import { RocketMQError } from '../../common/errors.js';

export type FieldType = 'string' | 'int' | 'long' | 'boolean' | 'double';

/** The TypeScript type a field type decodes to. */
export type FieldValue<T extends FieldType> = T extends 'string' ? string : T extends 'boolean' ? boolean : number;

export interface FieldSpec<T extends FieldType = FieldType, R extends boolean = boolean> {
  readonly type: T;
  readonly required: R;
  /** The ext-field key on the wire; the property name when absent. */
  readonly key: string | undefined;
}

export type HeaderSchema = Readonly<Record<string, FieldSpec>>;

type RequiredKeys<S extends HeaderSchema> = { [K in keyof S]: S[K]['required'] extends true ? K : never }[keyof S];
type OptionalKeys<S extends HeaderSchema> = Exclude<keyof S, RequiredKeys<S>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The typed header value of a schema: required fields non-optional, the others `?:`. */
export type HeaderOf<S extends HeaderSchema> = Simplify<
  { -readonly [K in RequiredKeys<S>]: FieldValue<S[K]['type']> } & {
    -readonly [K in OptionalKeys<S>]?: FieldValue<S[K]['type']>;
  }
>;

/** A field that must be present (Java `@CFNotNull`). */
export function required<T extends FieldType>(type: T, key?: string): FieldSpec<T, true> {
  return { type, required: true, key };
}

/** A field that may be absent. */
export function optional<T extends FieldType>(type: T, key?: string): FieldSpec<T, false> {
  return { type, required: false, key };
}

export interface HeaderCodec<S extends HeaderSchema = HeaderSchema> {
  /** The Java class name, used in error messages. */
  readonly name: string;
  readonly schema: S;
  /** Every wire key the header knows, in schema order. */
  readonly keys: readonly string[];
  decode(extFields: Readonly<Record<string, string>> | null | undefined): HeaderOf<S>;
  encode(header: HeaderOf<S>): Record<string, string>;
}

interface CompiledField {
  readonly property: string;
  readonly key: string;
  readonly type: FieldType;
  readonly required: boolean;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

class SchemaHeaderCodec<S extends HeaderSchema> implements HeaderCodec<S> {
  readonly keys: readonly string[];
  private readonly fields: readonly CompiledField[];

  constructor(
    readonly name: string,
    readonly schema: S,
  ) {
    const fields: CompiledField[] = [];
    const seen = new Set<string>();
    for (const property of Object.keys(schema)) {
      const spec = schema[property] as FieldSpec;
      const key = spec.key ?? property;
      if (seen.has(key)) throw new Error(`${name}: wire key ${key} is used twice`);
      seen.add(key);
      fields.push({ property, key, type: spec.type, required: spec.required });
    }
    this.fields = fields;
    this.keys = fields.map((field) => field.key);
  }

  decode(extFields: Readonly<Record<string, string>> | null | undefined): HeaderOf<S> {
    const out: Record<string, string | number | boolean> = {};
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as CompiledField;
      const raw = extFields == null ? undefined : extFields[field.key];
      if (raw === undefined || raw === null) {
        if (field.required) throw this.missing(field.key);
        continue;
      }
      out[field.property] = this.parse(field, raw);
    }
    return out as HeaderOf<S>;
  }

  encode(header: HeaderOf<S>): Record<string, string> {
    const values = header as Record<string, unknown>;
    const out: Record<string, string> = {};
    const fields = this.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i] as CompiledField;
      const value = values[field.property];
      if (value === undefined || value === null) {
        if (field.required) throw this.missing(field.key);
        continue;
      }
      out[field.key] = formatValue(field.type, value);
    }
    return out;
  }

  private parse(field: CompiledField, raw: string): string | number | boolean {
    switch (field.type) {
      case 'string':
        return raw;
      case 'int': {
        const value = parseLong(raw);
        if (value === undefined || value < INT_MIN || value > INT_MAX) throw this.invalid(field.key, raw, 'int');
        return value;
      }
      case 'long': {
        const value = parseLong(raw);
        if (value === undefined) throw this.invalid(field.key, raw, 'long');
        return value;
      }
      case 'boolean': {
        const value = parseBoolean(raw);
        if (value === undefined) throw this.invalid(field.key, raw, 'boolean');
        return value;
      }
      case 'double': {
        const value = parseDouble(raw);
        if (value === undefined) throw this.invalid(field.key, raw, 'double');
        return value;
      }
    }
  }

  private missing(key: string): RocketMQError {
    return new RocketMQError('HEADER_FIELD_MISSING', `${this.name}: the custom field <${key}> is null`);
  }

  private invalid(key: string, raw: string, type: string): RocketMQError {
    return new RocketMQError(
      'HEADER_FIELD_INVALID',
      `${this.name}: the custom field <${key}> is not a valid ${type}: ${JSON.stringify(raw)}`,
    );
  }
}

/** The typed header value a codec decodes to. */
export type HeaderValue<C> = C extends HeaderCodec<infer S> ? HeaderOf<S> : never;

/** Derives a codec from a schema; the schema's property order is the encode order. */
export function defineHeader<const S extends HeaderSchema>(name: string, schema: S): HeaderCodec<S> {
  return new SchemaHeaderCodec(name, schema);
}

function formatValue(type: FieldType, value: unknown): string {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : String(value);
    case 'boolean':
      return value === true ? 'true' : 'false';
    case 'double':
      return formatDouble(value as number);
    case 'long':
      return formatLong(value as number);
    default:
      return String(value);
  }
}

/** Java's Double.toString keeps a fraction on whole numbers below 10^7 (`1.0`). */
export function formatDouble(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e7 && !Object.is(value, -0)) return `${value}.0`;
  if (Object.is(value, -0)) return '-0.0';
  return String(value);
}

function isSpace(code: number): boolean {
  // Java's String.trim removes every char <= U+0020.
  return code <= 0x20;
}

const LONG_MAX_DIGITS = '9223372036854775807';
const LONG_MIN_DIGITS = '9223372036854775808';
/** 2^63 as a double: the value every long at or beyond Long.MAX_VALUE rounds to. */
const TWO_POW_63 = 9223372036854775808;

/**
 * Parses a trimmed, optionally signed decimal integer in Java's long range (as
 * Long.parseLong does; leading zeros allowed). Exact within the safe-integer range;
 * beyond it (the clients use Long.MAX_VALUE as "no end") the nearest double, which
 * formatLong turns back into the same sentinel. Returns undefined when the text is not
 * such an integer.
 */
export function parseLong(text: string): number | undefined {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (start === end) return undefined;
  let negative = false;
  const first = text.charCodeAt(start);
  if (first === 0x2d /* - */ || first === 0x2b /* + */) {
    negative = first === 0x2d;
    start++;
    if (start === end) return undefined;
  }
  while (start < end - 1 && text.charCodeAt(start) === 0x30) start++;
  const digits = end - start;
  if (digits > 19) return undefined;
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  if (digits >= 16 && value > Number.MAX_SAFE_INTEGER) {
    const body = text.slice(start, end);
    if (digits === 19 && body > (negative ? LONG_MIN_DIGITS : LONG_MAX_DIGITS)) return undefined;
    value = Number(body); // correctly rounded, unlike the running sum
  }
  return negative ? 0 - value : value;
}

/** A long as Java writes it; values at or past the long range print as its sentinels. */
export function formatLong(value: number): string {
  if (value >= TWO_POW_63) return LONG_MAX_DIGITS;
  if (value <= -TWO_POW_63) return `-${LONG_MIN_DIGITS}`;
  if (value > Number.MAX_SAFE_INTEGER || value < -Number.MAX_SAFE_INTEGER) {
    // The exact integer the double holds (String() would round to 17 digits and pad zeros).
    return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  }
  return String(value);
}

/** `true` / `false` in any case, trimmed (Java Boolean.parseBoolean, made strict). */
export function parseBoolean(text: string): boolean | undefined {
  if (text === 'true') return true;
  if (text === 'false') return false;
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  return undefined;
}

/** A trimmed decimal number (Java Double.parseDouble also takes NaN and Infinity). */
export function parseDouble(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  if (Number.isNaN(value)) return trimmed === 'NaN' ? Number.NaN : undefined;
  // Number() also reads hexadecimal / binary / octal literals, which Java does not.
  const second = trimmed.charCodeAt(1) | 0x20;
  if (trimmed.charCodeAt(0) === 0x30 && (second === 0x78 || second === 0x62 || second === 0x6f)) return undefined;
  return value;
}
