/**
 * Connection: one client connection of a group, listed in ConsumerConnection and
 * ProducerConnection.
 *
 * JSON: {"clientAddr":"127.0.0.1:52814","clientId":"127.0.0.1@4711","language":"JAVA","version":409}
 */
import { LanguageCode, type LanguageName } from '../language-code.js';
import type { BodyReader } from './body-json.js';

const LANGUAGE_NAMES = Object.keys(LanguageCode) as LanguageName[];

export interface Connection {
  clientId: string;
  clientAddr: string;
  language: LanguageName;
  /** the client's MQVersion ordinal */
  version: number;
}

export function readConnection(reader: BodyReader): Connection {
  return {
    clientId: reader.field('clientId').string(),
    clientAddr: reader.field('clientAddr').string(),
    language: reader.field('language').optionalEnumOf(LANGUAGE_NAMES) ?? 'JAVA',
    version: reader.field('version').int(),
  };
}

export function connectionJson(connection: Connection): Record<string, unknown> {
  return {
    clientAddr: connection.clientAddr,
    clientId: connection.clientId,
    language: connection.language,
    version: connection.version,
  };
}
