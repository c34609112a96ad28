/**
 * Tag hash codes: the consume-queue "tags code" of a message and the `codeSet` of a
 * subscription are Java's `String.hashCode()` of the tag, so the broker can filter on an
 * 8-byte field without reading the message.
 *
 *   hash = s[0]·31^(n−1) + s[1]·31^(n−2) + … + s[n−1]   over UTF-16 code units,
 *   computed in wrapping signed 32-bit arithmetic.
 *
 * Examples: "TagA" → 2598919, "null" → 3392903, "中文标签" → 622041809. A message without
 * a tag (no TAGS property, or an empty one) has tags code 0.
 */
import { PropertyKey, type MessageProperties } from './properties.js';

/** Java `String.hashCode()` of `text`: a signed 32-bit integer. */
export function javaStringHash(text: string): number {
  let hash = 0;
  for (let index = 0; index < text.length; index++) {
    hash = (Math.imul(hash, 31) + text.charCodeAt(index)) | 0;
  }
  return hash;
}

/** The tags code of a tag string as a consume queue stores it: 0 when there is no tag. */
export function tagsCodeOf(tags: string | undefined | null): number {
  return tags === undefined || tags === null || tags.length === 0 ? 0 : javaStringHash(tags);
}

/** The tags code of a message from its properties (its TAGS property). */
export function tagsCodeOfProperties(properties: Readonly<MessageProperties>): number {
  return tagsCodeOf(properties[PropertyKey.TAGS]);
}
