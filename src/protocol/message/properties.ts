/**
 * The properties string of a message: name/value pairs in one UTF-8 string.
 *
 *   name \u0001 value \u0002 name \u0001 value …        (at most 32767 bytes: int16 length)
 *
 * Encoding (as Java's `messageProperties2String`): pairs in the map's iteration order, no
 * trailing separator, null/undefined values skipped. A name must be non-empty and free of
 * both separators and a value free of \u0002, or the pair could not be read back; an empty
 * value is written as Java writes it and reads back as absent.
 *
 * Decoding (as Java's `string2messageProperties`): split on \u0002; a segment shorter than
 * three UTF-16 units is ignored; the first \u0001 must come after the first unit and before
 * the last one, so pairs with an empty name or value are dropped; a value may contain
 * \u0001; a repeated name keeps its last value. ali-ons' trailing \u0002 is accepted.
 *
 * Properties are plain records with a null prototype, so a name like `__proto__` or
 * `constructor` is an ordinary own key.
 */
import { RocketMQError } from '../../common/errors.js';

export type MessageProperties = Record<string, string>;

/** Properties as a caller may supply them for encoding: null and undefined values are skipped. */
export type MessagePropertiesInput = Readonly<Record<string, string | null | undefined>>;

export const NAME_VALUE_SEPARATOR = '\u0001';
export const PROPERTY_SEPARATOR = '\u0002';

/** Largest encoded properties string, in UTF-8 bytes (its length field is a Java short). */
export const MAX_PROPERTIES_BYTES = 32767;

/** Well-known property names (Java `MessageConst`, 4.9.8, plus a few set elsewhere). */
export const PropertyKey = {
  KEYS: 'KEYS',
  TAGS: 'TAGS',
  WAIT_STORE_MSG_OK: 'WAIT',
  DELAY_TIME_LEVEL: 'DELAY',
  RETRY_TOPIC: 'RETRY_TOPIC',
  REAL_TOPIC: 'REAL_TOPIC',
  REAL_QUEUE_ID: 'REAL_QID',
  TRANSACTION_PREPARED: 'TRAN_MSG',
  PRODUCER_GROUP: 'PGROUP',
  MIN_OFFSET: 'MIN_OFFSET',
  MAX_OFFSET: 'MAX_OFFSET',
  BUYER_ID: 'BUYER_ID',
  ORIGIN_MESSAGE_ID: 'ORIGIN_MESSAGE_ID',
  TRANSFER_FLAG: 'TRANSFER_FLAG',
  CORRECTION_FLAG: 'CORRECTION_FLAG',
  MQ2_FLAG: 'MQ2_FLAG',
  RECONSUME_TIME: 'RECONSUME_TIME',
  MSG_REGION: 'MSG_REGION',
  TRACE_SWITCH: 'TRACE_ON',
  UNIQ_CLIENT_MESSAGE_ID_KEYIDX: 'UNIQ_KEY',
  MAX_RECONSUME_TIMES: 'MAX_RECONSUME_TIMES',
  CONSUME_START_TIMESTAMP: 'CONSUME_START_TIME',
  TRANSACTION_PREPARED_QUEUE_OFFSET: 'TRAN_PREPARED_QUEUE_OFFSET',
  TRANSACTION_CHECK_TIMES: 'TRANSACTION_CHECK_TIMES',
  CHECK_IMMUNITY_TIME_IN_SECONDS: 'CHECK_IMMUNITY_TIME_IN_SECONDS',
  INSTANCE_ID: 'INSTANCE_ID',
  CORRELATION_ID: 'CORRELATION_ID',
  MESSAGE_REPLY_TO_CLIENT: 'REPLY_TO_CLIENT',
  MESSAGE_TTL: 'TTL',
  REPLY_MESSAGE_ARRIVE_TIME: 'ARRIVE_TIME',
  PUSH_REPLY_TIME: 'PUSH_REPLY_TIME',
  CLUSTER: 'CLUSTER',
  MESSAGE_TYPE: 'MSG_TYPE',
  INNER_MULTI_DISPATCH: 'INNER_MULTI_DISPATCH',
  INNER_MULTI_QUEUE_OFFSET: 'INNER_MULTI_QUEUE_OFFSET',
  /** Set by the Java producer when a send response carries a transactionId. */
  TRANSACTION_ID: '__transactionId__',
  /** ali-ons timed delivery (epoch ms); Apache 4.x brokers ignore it. */
  START_DELIVER_TIME: '__STARTDELIVERTIME',
  /** ali-ons sharding key (client-side queue choice only). */
  SHARDING_KEY: '__SHARDING_KEY',
} as const;

/** Separator of several business keys inside the KEYS property. */
export const KEY_SEPARATOR = ' ';

/**
 * A new, empty properties record (null prototype). Made as `{}` whose prototype is then
 * set to null rather than by Object.create(null): V8 keeps the former in fast mode (hidden
 * classes shared by records with the same names), where adding a property is an inline
 * store, whereas an Object.create(null) record is a hash table from the start and every
 * property added goes through the runtime.
 */
export function emptyProperties(): MessageProperties {
  return Object.setPrototypeOf({}, null) as MessageProperties;
}

/** A null-prototype copy of `input` without its null/undefined values. */
export function toMessageProperties(input: MessagePropertiesInput): MessageProperties {
  const properties = emptyProperties();
  for (const name of Object.keys(input)) {
    const value = input[name];
    if (value !== undefined && value !== null) properties[name] = value;
  }
  return properties;
}

/** The properties string of `properties` (empty string for no pairs). */
export function encodeProperties(properties: MessagePropertiesInput): string {
  let text = '';
  for (const name of Object.keys(properties)) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    assertEncodablePair(name, value);
    if (text.length > 0) text += PROPERTY_SEPARATOR;
    text += name + NAME_VALUE_SEPARATOR + value;
  }
  return text;
}

/** The UTF-8 bytes of the properties string of `properties`. */
export function encodePropertiesBytes(properties: MessagePropertiesInput): Buffer {
  return Buffer.from(encodeProperties(properties), 'utf8');
}

/** The length in UTF-8 bytes of the encoded properties of `properties`. */
export function encodedPropertiesByteLength(properties: MessagePropertiesInput): number {
  return Buffer.byteLength(encodeProperties(properties), 'utf8');
}

/** Whether an encoded properties string of `byteLength` bytes fits its int16 length field. */
export function propertiesFit(byteLength: number): boolean {
  return byteLength <= MAX_PROPERTIES_BYTES;
}

/** Parses a properties string with Java's rules (see the module comment). */
export function decodeProperties(text: string): MessageProperties {
  const properties = emptyProperties();
  let segmentStart = 0;
  while (segmentStart < text.length) {
    let segmentEnd = text.indexOf(PROPERTY_SEPARATOR, segmentStart);
    if (segmentEnd < 0) segmentEnd = text.length;
    readPair(text, segmentStart, segmentEnd, properties);
    segmentStart = segmentEnd + 1;
  }
  return properties;
}

/** Parses the UTF-8 properties string in `source[start, end)`. */
export function decodePropertiesBytes(source: Buffer, start = 0, end = source.length): MessageProperties {
  return start === end ? emptyProperties() : decodeProperties(source.toString('utf8', start, end));
}

function readPair(text: string, segmentStart: number, segmentEnd: number, into: MessageProperties): void {
  if (segmentEnd - segmentStart < 3) return;
  const separatorAt = text.indexOf(NAME_VALUE_SEPARATOR, segmentStart);
  if (separatorAt <= segmentStart || separatorAt >= segmentEnd - 1) return;
  into[text.slice(segmentStart, separatorAt)] = text.slice(separatorAt + 1, segmentEnd);
}

function assertEncodablePair(name: string, value: string): void {
  if (name.length === 0 || name.includes(NAME_VALUE_SEPARATOR) || name.includes(PROPERTY_SEPARATOR)) {
    throw new RocketMQError('MESSAGE_MALFORMED', `property name ${JSON.stringify(name)} is empty or contains a separator (\\u0001 or \\u0002)`);
  }
  if (value.includes(PROPERTY_SEPARATOR)) {
    throw new RocketMQError('MESSAGE_MALFORMED', `value of property ${JSON.stringify(name)} contains the pair separator \\u0002`);
  }
}
