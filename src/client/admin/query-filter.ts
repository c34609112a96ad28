/**
 * Client-side re-check of QUERY_MESSAGE hits (the broker's index matches hashes of
 * `<topic>#<key>`, so it may return strangers):
 *
 * - by unique key: only messages whose msgId (UNIQ_KEY) is the key, and of those only the
 *   earliest stored (a retried send may have stored it twice);
 * - by key: messages of the topic whose KEYS, split on spaces, contain the key.
 */
import { KEY_SEPARATOR } from '../../protocol/message/properties.js';
import type { MessageExt } from '../message/message-ext.js';

export function filterQueryHits(messages: readonly MessageExt[], topic: string, key: string, uniqueKeyQuery: boolean): MessageExt[] {
  if (uniqueKeyQuery) {
    let earliest: MessageExt | undefined;
    for (const message of messages) {
      if (message.msgId !== key) continue;
      if (earliest === undefined || message.storeTimestamp < earliest.storeTimestamp) earliest = message;
    }
    return earliest ? [earliest] : [];
  }
  return messages.filter((message) => message.topic === topic && message.keys !== undefined && message.keys.split(KEY_SEPARATOR).includes(key));
}
