/**
 * A lenient JSON reader for bodies written by fastjson.
 *
 * fastjson's default output is JSON except for map keys that are not strings:
 *   - numeric keys are written bare:          {"brokerAddrs":{0:"127.0.0.1:10911"}}
 *   - object keys are written as the object:  {"offsetTable":{{"brokerName":"b","queueId":0,"topic":"t"}:{…}}}
 * Both are read here as string keys: the number's text ("0"), and the JSON text of the
 * key object as JSON.stringify writes it (`{"brokerName":"b","queueId":0,"topic":"t"}`),
 * which is the very string the standard form `"{\"brokerName\":\"b\",…}"` decodes to.
 * Array keys are treated like object keys.
 *
 * Standard JSON goes through JSON.parse; the hand-written parser below runs only when that
 * fails. It accepts everything JSON.parse accepts plus the two key forms above, nests at
 * most MAX_DEPTH levels, and reports errors as BODY_MALFORMED with the position.
 */
import { RocketMQError } from '../../common/errors.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Deepest nesting the fallback parser follows (fastjson bodies nest about six levels). */
export const MAX_DEPTH = 512;

/** Parses a fastjson body (bytes are UTF-8); `what` names the body in error messages. */
export function parseLenientJson(input: Uint8Array | string, what = 'JSON body'): JsonValue {
  const text = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('utf8');
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return parseFastjsonText(text, what);
  }
}

/** The fallback parser alone (exported for tests). */
export function parseFastjsonText(text: string, what = 'JSON body'): JsonValue {
  return new LenientParser(text, what).parseDocument();
}

/** Sets a property, also when the key is `__proto__` (which must stay a plain key). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

const enum Char {
  Tab = 0x09,
  LineFeed = 0x0a,
  CarriageReturn = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperE = 0x45,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerE = 0x65,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

class LenientParser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly what: string,
  ) {}

  parseDocument(): JsonValue {
    this.skipSpace();
    const value = this.parseValue();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private fail(problem: string): never {
    const found = this.pos < this.text.length ? JSON.stringify(this.text.charAt(this.pos)) : 'end of input';
    throw new RocketMQError('BODY_MALFORMED', `${this.what}: ${problem} at position ${this.pos} (found ${found})`);
  }

  private skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const code = text.charCodeAt(pos);
      if (code !== Char.Space && code !== Char.LineFeed && code !== Char.CarriageReturn && code !== Char.Tab) break;
      pos++;
    }
    this.pos = pos;
  }

  private parseValue(): JsonValue {
    const code = this.text.charCodeAt(this.pos);
    if (code === Char.OpenBrace) return this.parseObject();
    if (code === Char.OpenBracket) return this.parseArray();
    if (code === Char.Quote) return this.parseString();
    if (code === Char.Minus || (code >= Char.Zero && code <= Char.Nine)) return this.parseNumber();
    if (this.text.startsWith('true', this.pos)) {
      this.pos += 4;
      return true;
    }
    if (this.text.startsWith('false', this.pos)) {
      this.pos += 5;
      return false;
    }
    if (this.text.startsWith('null', this.pos)) {
      this.pos += 4;
      return null;
    }
    return this.fail('expected a JSON value');
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
    this.pos++;
    this.skipSpace();
  }

  private parseObject(): JsonObject {
    this.enter();
    const object: JsonObject = {};
    if (this.text.charCodeAt(this.pos) === Char.CloseBrace) {
      this.pos++;
      this.depth--;
      return object;
    }
    for (;;) {
      const key = this.parseKey();
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== Char.Colon) this.fail('expected ":" after an object key');
      this.pos++;
      this.skipSpace();
      setOwn(object, key, this.parseValue());
      this.skipSpace();
      const code = this.text.charCodeAt(this.pos);
      this.pos++;
      if (code === Char.CloseBrace) break;
      if (code !== Char.Comma) {
        this.pos--;
        this.fail('expected "," or "}" in an object');
      }
      this.skipSpace();
    }
    this.depth--;
    return object;
  }

  /** A string key, or fastjson's bare number / object / array key turned into a string. */
  private parseKey(): string {
    const code = this.text.charCodeAt(this.pos);
    if (code === Char.Quote) return this.parseString();
    if (code === Char.Minus || (code >= Char.Zero && code <= Char.Nine)) {
      const start = this.pos;
      this.parseNumber();
      return this.text.slice(start, this.pos);
    }
    if (code === Char.OpenBrace) return JSON.stringify(this.parseObject());
    if (code === Char.OpenBracket) return JSON.stringify(this.parseArray());
    return this.fail('expected an object key');
  }

  private parseArray(): JsonValue[] {
    this.enter();
    const array: JsonValue[] = [];
    if (this.text.charCodeAt(this.pos) === Char.CloseBracket) {
      this.pos++;
      this.depth--;
      return array;
    }
    for (;;) {
      array.push(this.parseValue());
      this.skipSpace();
      const code = this.text.charCodeAt(this.pos);
      this.pos++;
      if (code === Char.CloseBracket) break;
      if (code !== Char.Comma) {
        this.pos--;
        this.fail('expected "," or "]" in an array');
      }
      this.skipSpace();
    }
    this.depth--;
    return array;
  }

  private parseString(): string {
    const text = this.text;
    let pos = this.pos + 1;
    let out = '';
    let runStart = pos;
    for (;;) {
      if (pos >= text.length) {
        this.pos = pos;
        this.fail('unterminated string');
      }
      const code = text.charCodeAt(pos);
      if (code === Char.Quote) break;
      if (code < Char.Space) {
        this.pos = pos;
        this.fail('control character in a string');
      }
      if (code !== Char.Backslash) {
        pos++;
        continue;
      }
      out += text.slice(runStart, pos);
      const escape = text.charCodeAt(pos + 1);
      pos += 2;
      switch (escape) {
        case Char.Quote:
          out += '"';
          break;
        case Char.Backslash:
          out += '\\';
          break;
        case Char.Slash:
          out += '/';
          break;
        case 0x62 /* b */:
          out += '\b';
          break;
        case 0x66 /* f */:
          out += '\f';
          break;
        case 0x6e /* n */:
          out += '\n';
          break;
        case 0x72 /* r */:
          out += '\r';
          break;
        case 0x74 /* t */:
          out += '\t';
          break;
        case 0x75 /* u */: {
          let unit = 0;
          for (let i = 0; i < 4; i++) {
            const digit = hexValue(text.charCodeAt(pos + i));
            if (digit < 0) {
              this.pos = pos + i;
              this.fail('bad \\u escape');
            }
            unit = unit * 16 + digit;
          }
          out += String.fromCharCode(unit);
          pos += 4;
          break;
        }
        default:
          this.pos = pos - 1;
          this.fail('bad escape in a string');
      }
      runStart = pos;
    }
    out += text.slice(runStart, pos);
    this.pos = pos + 1;
    return out;
  }

  /** The JSON number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  private parseNumber(): number {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === Char.Minus) pos++;
    if (text.charCodeAt(pos) === Char.Zero) {
      pos++;
    } else {
      const digits = pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === digits) {
        this.pos = pos;
        this.fail('expected a digit');
      }
    }
    if (text.charCodeAt(pos) === Char.Dot) {
      pos++;
      const digits = pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === digits) {
        this.pos = pos;
        this.fail('expected a digit after "."');
      }
    }
    const e = text.charCodeAt(pos);
    if (e === Char.LowerE || e === Char.UpperE) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === Char.Plus || sign === Char.Minus) pos++;
      const digits = pos;
      while (isDigit(text.charCodeAt(pos))) pos++;
      if (pos === digits) {
        this.pos = pos;
        this.fail('expected a digit in an exponent');
      }
    }
    this.pos = pos;
    return Number(text.slice(start, pos));
  }
}

function isDigit(code: number): boolean {
  return code >= Char.Zero && code <= Char.Nine;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}
