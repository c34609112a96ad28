/**
 * Shared typed readers and writers for the JSON bodies.
 *
 * Reading follows fastjson's bean binding: unknown properties are ignored, absent or null
 * properties take the Java class's default, numbers may arrive as strings (`"4"`) and
 * strings as numbers, booleans as `true` / `"true"` / 1, enums by name or ordinal. Anything
 * else of the wrong shape raises BODY_MALFORMED naming the body and the property path
 * (`TopicRouteData: queueDatas[0].perm is not an int: "x"`).
 *
 * Writing builds plain objects whose properties are listed in alphabetical order (as
 * fastjson orders bean properties), leaves absent values out, turns Maps into objects
 * with string keys (standard JSON: `{"0":"…"}`), and serializes with JSON.stringify.
 */
import { RocketMQError } from '../../common/errors.js';
import { parseLenientJson, setOwn } from './lenient-json.js';

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
/** Longs travel as JSON numbers; beyond ±2^63 nothing is a Java long any more. */
const LONG_LIMIT = 9223372036854775808;

/** A value inside a body being read, with its body name and property path. */
export class BodyReader {
  private constructor(
    readonly body: string,
    readonly path: string,
    readonly value: unknown,
  ) {}

  /** Parses a body leniently (fastjson quirks allowed) and reads its root. */
  static parse(body: string, input: Uint8Array | string): BodyReader {
    return new BodyReader(body, '', parseLenientJson(input, body));
  }

  /** Reads an already parsed value. */
  static of(body: string, value: unknown, path = ''): BodyReader {
    return new BodyReader(body, path, value);
  }

  /** Absent or JSON null: the Java property stays at its default. */
  get absent(): boolean {
    return this.value === undefined || this.value === null;
  }

  fail(problem: string): never {
    const where = this.path === '' ? 'the body' : this.path;
    throw new RocketMQError('BODY_MALFORMED', `${this.body}: ${where} ${problem}`);
  }

  private wrong(expected: string): never {
    let shown: string;
    try {
      shown = JSON.stringify(this.value) ?? String(this.value);
    } catch {
      shown = String(this.value);
    }
    if (shown.length > 80) shown = `${shown.slice(0, 77)}...`;
    return this.fail(`is not ${expected}: ${shown}`);
  }

  /** A property of this object; absent when this value is absent. */
  field(key: string): BodyReader {
    const path = this.path === '' ? key : `${this.path}.${key}`;
    if (this.absent) return new BodyReader(this.body, path, undefined);
    const object = this.objectValue();
    return new BodyReader(this.body, path, Object.hasOwn(object, key) ? object[key] : undefined);
  }

  private objectValue(): Record<string, unknown> {
    const value = this.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.wrong('an object');
    return value as Record<string, unknown>;
  }

  /** A string that must be present. */
  string(): string {
    if (this.absent) return this.fail('is missing');
    return this.coerceString();
  }

  optionalString(): string | undefined {
    return this.absent ? undefined : this.coerceString();
  }

  private coerceString(): string {
    const value = this.value;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    return this.wrong('a string');
  }

  int(defaultValue = 0): number {
    return this.absent ? defaultValue : this.integer(INT_MIN, INT_MAX, 'an int');
  }

  optionalInt(): number | undefined {
    return this.absent ? undefined : this.integer(INT_MIN, INT_MAX, 'an int');
  }

  long(defaultValue = 0): number {
    return this.absent ? defaultValue : this.integer(-LONG_LIMIT, LONG_LIMIT - 1, 'a long');
  }

  optionalLong(): number | undefined {
    return this.absent ? undefined : this.integer(-LONG_LIMIT, LONG_LIMIT - 1, 'a long');
  }

  private integer(min: number, max: number, expected: string): number {
    const value = this.value;
    const number = typeof value === 'number' ? value : typeof value === 'string' ? numberText(value) : Number.NaN;
    if (!Number.isInteger(number) || number < min || number > max) return this.wrong(expected);
    return number === 0 ? 0 : number;
  }

  double(defaultValue = 0): number {
    if (this.absent) return defaultValue;
    const value = this.value;
    const number = typeof value === 'number' ? value : typeof value === 'string' ? numberText(value) : Number.NaN;
    if (Number.isNaN(number) && value !== 'NaN') return this.wrong('a number');
    return number;
  }

  boolean(defaultValue = false): boolean {
    return this.absent ? defaultValue : this.coerceBoolean();
  }

  optionalBoolean(): boolean | undefined {
    return this.absent ? undefined : this.coerceBoolean();
  }

  private coerceBoolean(): boolean {
    const value = this.value;
    if (typeof value === 'boolean') return value;
    if (value === 1 || value === 0) return value === 1;
    if (typeof value === 'string') {
      const text = value.trim().toLowerCase();
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
    }
    return this.wrong('a boolean');
  }

  /** An enum constant by name (or by ordinal, as fastjson also reads them); must be present. */
  enumOf<T extends string>(names: readonly T[]): T {
    if (this.absent) return this.fail('is missing');
    return this.coerceEnum(names);
  }

  optionalEnumOf<T extends string>(names: readonly T[]): T | undefined {
    return this.absent ? undefined : this.coerceEnum(names);
  }

  private coerceEnum<T extends string>(names: readonly T[]): T {
    const value = this.value;
    if (typeof value === 'string' && (names as readonly string[]).includes(value)) return value as T;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < names.length) return names[value] as T;
    return this.wrong(`one of ${names.join(', ')}`);
  }

  /** A nested object that must be present. */
  object<T>(read: (reader: BodyReader) => T): T {
    if (this.absent) return this.fail('is missing');
    this.objectValue();
    return read(this);
  }

  optionalObject<T>(read: (reader: BodyReader) => T): T | undefined {
    if (this.absent) return undefined;
    this.objectValue();
    return read(this);
  }

  /** A JSON array (Java List or Set); absent reads as empty. */
  list<T>(read: (item: BodyReader) => T): T[] {
    if (this.absent) return [];
    const value = this.value;
    if (!Array.isArray(value)) return this.wrong('an array');
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) out.push(read(new BodyReader(this.body, `${this.path}[${i}]`, value[i])));
    return out;
  }

  /** The entries of a JSON object read as a map; absent reads as empty. */
  entries<K, V>(readKey: (key: string, at: BodyReader) => K, readValue: (value: BodyReader) => V): Map<K, V> {
    const map = new Map<K, V>();
    if (this.absent) return map;
    const object = this.objectValue();
    for (const key of Object.keys(object)) {
      const at = new BodyReader(this.body, `${this.path}[${JSON.stringify(key)}]`, object[key]);
      map.set(readKey(key, at), readValue(at));
    }
    return map;
  }

  /** A map with String keys. */
  stringMap<V>(readValue: (value: BodyReader) => V): Map<string, V> {
    return this.entries((key) => key, readValue);
  }

  /** A map with Long keys (`{0:"…"}` or `{"0":"…"}`). */
  longMap<V>(readValue: (value: BodyReader) => V): Map<number, V> {
    return this.entries((key, at) => BodyReader.of(this.body, key, `${at.path} key`).long(), readValue);
  }

  /** A map with Integer keys. */
  intMap<V>(readValue: (value: BodyReader) => V): Map<number, V> {
    return this.entries((key, at) => BodyReader.of(this.body, key, `${at.path} key`).int(), readValue);
  }
}

/** Reads a whole body: parse leniently, check the root is an object, and bind it. */
export function readBody<T>(body: string, input: Uint8Array | string, read: (reader: BodyReader) => T): T {
  return BodyReader.parse(body, input).object(read);
}

function numberText(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? Number.NaN : Number(trimmed);
}

// -----------------------------------------------------------------------------------------
// Writing

/** Serializes a plain value built by the writers below as standard JSON bytes. */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** A Map as a JSON object: keys become strings (numbers as their decimal text). */
export function mapObject<K extends string | number, V>(map: ReadonlyMap<K, V>, write: (value: V) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of map) setOwn(out, String(key), write(value));
  return out;
}

/** The identity writer, for maps and lists of JSON primitives. */
export function same<T>(value: T): T {
  return value;
}
