/**
 * Message: what an application sends. The system fields (tags, keys, delay level, wait)
 * travel as properties (TAGS, KEYS, DELAY, WAIT), as in Java's `Message`; user properties
 * may not use the names the system reserves.
 *
 *   { topic: 'T', body: 'hello', tags: 'TagA', keys: ['order-1'], properties: { region: 'eu' } }
 *
 * `waitStoreMsgOK` defaults to true (property WAIT=true), as in Java.
 */
import { KEY_SEPARATOR, PropertyKey, emptyProperties, type MessageProperties } from '../../protocol/message/properties.js';
import { MQClientError } from '../errors.js';

export interface Message {
  topic: string;
  body: Uint8Array | string;
  tags?: string;
  /** Business keys, indexed by the broker for query by key (space-separated on the wire). */
  keys?: string | readonly string[];
  /** User flag, stored verbatim. */
  flag?: number;
  /** Delay level 1..18 (1 s … 2 h with the broker's default levels); 0 or absent = none. */
  delayTimeLevel?: number;
  waitStoreMsgOK?: boolean;
  /** User properties; names the system uses are refused. */
  properties?: Readonly<Record<string, string>>;
}

const RESERVED_NAMES: ReadonlySet<string> = new Set<string>(Object.values(PropertyKey));

/** The body bytes of a message (a string is UTF-8). */
export function messageBody(message: Message): Buffer {
  if (typeof message.body === 'string') return Buffer.from(message.body, 'utf8');
  return Buffer.isBuffer(message.body) ? message.body : Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength);
}

/** The keys as one KEYS value, or undefined when there are none. */
export function keysValue(keys: Message['keys']): string | undefined {
  if (keys === undefined) return undefined;
  const text = typeof keys === 'string' ? keys : keys.join(KEY_SEPARATOR);
  return text.length > 0 ? text : undefined;
}

/** The properties a message carries on the wire, before the producer adds UNIQ_KEY. */
export function messageProperties(message: Message): MessageProperties {
  const properties = emptyProperties();
  for (const [name, value] of Object.entries(message.properties ?? {})) {
    checkUserProperty(name, value);
    properties[name] = value;
  }
  if (message.tags !== undefined && message.tags.length > 0) properties[PropertyKey.TAGS] = message.tags;
  const keys = keysValue(message.keys);
  if (keys !== undefined) properties[PropertyKey.KEYS] = keys;
  if (message.delayTimeLevel !== undefined && message.delayTimeLevel > 0) properties[PropertyKey.DELAY_TIME_LEVEL] = String(message.delayTimeLevel);
  properties[PropertyKey.WAIT_STORE_MSG_OK] = String(message.waitStoreMsgOK ?? true);
  return properties;
}

function checkUserProperty(name: string, value: string): void {
  if (RESERVED_NAMES.has(name)) {
    throw new MQClientError('CLIENT_MESSAGE_ILLEGAL', `the property ${name} is used by the system; choose another name`);
  }
  if (name.trim().length === 0 || typeof value !== 'string' || value.trim().length === 0) {
    throw new MQClientError('CLIENT_MESSAGE_ILLEGAL', `user property ${JSON.stringify(name)} has a blank name or value`);
  }
}
