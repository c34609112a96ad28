/**
 * Java `.properties` text (the format of RocketMQ's namesrv.conf / broker.conf and of the
 * UPDATE_NAMESRV_CONFIG / UPDATE_BROKER_CONFIG bodies), read as java.util.Properties.load
 * reads it and written so that it reads back the same.
 *
 * Reading:
 * - Natural lines end at `\n`, `\r` or `\r\n`; leading spaces, tabs and form feeds are
 *   skipped. A line whose first other character is `#` or `!` is a comment; blank lines
 *   are skipped.
 * - A line ending in an odd number of backslashes continues on the next line, whose
 *   leading white space is dropped (a comment marker there is ordinary text).
 * - The key ends at the first unescaped `=`, `:` or white space; then white space, at
 *   most one `=` or `:`, and more white space are skipped; the rest is the value.
 * - Escapes in keys and values: `\t \n \r \f`, `\uXXXX` (exactly four hex digits, else a
 *   PropertiesSyntaxError), and `\x` = `x` for any other character.
 * - A key given twice keeps its last value. Text is taken as already decoded (callers
 *   read files as UTF-8, where Java's InputStream form assumes ISO-8859-1).
 *
 * Writing gives one `key=value` line per entry and escapes only what would otherwise read
 * back differently (backslashes, line breaks and other control characters, separators and
 * white space in keys, a leading `#`/`!` in keys, leading white space in values), so
 * ordinary settings come out exactly as RocketMQ prints them.
 */

/** The text is not valid properties syntax (a malformed `\uXXXX` escape). */
export class PropertiesSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PropertiesSyntaxError';
  }
}

const WHITE_SPACE = new Set([' ', '\t', '\f']);

/** Parses properties text into an ordered map (first appearance order, last value wins). */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const { key, value } = splitLine(line);
    properties.set(unescape(key), unescape(value));
  }
  return properties;
}

/** Joins continued lines and drops comments and blank lines. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending: string | null = null;
  for (const natural of text.split(/\r\n|\r|\n/)) {
    const content = skipWhiteSpace(natural);
    if (pending === null && (content === '' || content.startsWith('#') || content.startsWith('!'))) continue;
    if (trailingBackslashes(content) % 2 === 1) {
      pending = (pending ?? '') + content.slice(0, -1);
      continue;
    }
    lines.push((pending ?? '') + content);
    pending = null;
  }
  if (pending !== null) lines.push(pending);
  return lines;
}

function skipWhiteSpace(text: string, from = 0): string {
  let start = from;
  while (start < text.length && WHITE_SPACE.has(text.charAt(start))) start++;
  return text.slice(start);
}

function trailingBackslashes(text: string): number {
  let count = 0;
  while (count < text.length && text.charCodeAt(text.length - 1 - count) === 0x5c) count++;
  return count;
}

function splitLine(line: string): { key: string; value: string } {
  let keyEnd = 0;
  let valueStart = line.length;
  let hasSeparator = false;
  let escaped = false;
  for (; keyEnd < line.length; keyEnd++) {
    const char = line.charAt(keyEnd);
    if (!escaped && (char === '=' || char === ':' || WHITE_SPACE.has(char))) {
      valueStart = keyEnd + 1;
      hasSeparator = char === '=' || char === ':';
      break;
    }
    escaped = char === '\\' ? !escaped : false;
  }
  while (valueStart < line.length) {
    const char = line.charAt(valueStart);
    if (WHITE_SPACE.has(char)) valueStart++;
    else if (!hasSeparator && (char === '=' || char === ':')) {
      hasSeparator = true;
      valueStart++;
    } else break;
  }
  return { key: line.slice(0, keyEnd), value: line.slice(valueStart) };
}

const ESCAPED: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

function unescape(text: string): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    if (char !== '\\' || i + 1 >= text.length) {
      out += char === '\\' ? '' : char;
      continue;
    }
    const next = text.charAt(++i);
    if (next === 'u') {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new PropertiesSyntaxError(`malformed \\uxxxx escape: \\u${hex}`);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += ESCAPED[next] ?? next;
    }
  }
  return out;
}

/** Formats entries as `key=value` lines, each ending in `\n`. */
export function formatProperties(entries: Iterable<readonly [string, string]>): string {
  let text = '';
  for (const [key, value] of entries) text += `${escape(key, true)}=${escape(value, false)}\n`;
  return text;
}

const CONTROL_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\f': '\\f' };

function escape(text: string, isKey: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const code = text.charCodeAt(i);
    const control = CONTROL_ESCAPES[char];
    if (control !== undefined) out += control;
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (char === ' ' && (isKey || i === 0)) out += '\\ ';
    else if (isKey && (char === '=' || char === ':')) out += `\\${char}`;
    else if (isKey && i === 0 && (char === '#' || char === '!')) out += `\\${char}`;
    else out += char;
  }
  return out;
}
