/**
 * Subscription data from a tag expression (Java `FilterAPI.buildSubscriptionData`):
 * blank or `*` subscribes to everything; otherwise the expression is split on `||`, each
 * tag trimmed, empty ones dropped, and each kept tag's Java String.hashCode goes into the
 * code set the broker filters on. `tagMatches` is the client-side re-check (a tag hash may
 * collide): with no tags, every message matches; otherwise its TAGS must be in the set.
 */
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import { javaStringHash } from '../../protocol/message/tag-hash.js';
import { ClientLimits } from '../client-limits.js';
import { MQClientError } from '../errors.js';

export const SUB_ALL = '*';
export const EXPRESSION_TYPE_TAG = 'TAG';

export function buildSubscriptionData(topic: string, subString: string | undefined, subVersion: number): SubscriptionData {
  const subscription: SubscriptionData = {
    topic,
    subString: subString === undefined || subString.length === 0 || subString === SUB_ALL ? SUB_ALL : subString,
    tagsSet: [],
    codeSet: [],
    subVersion,
    expressionType: EXPRESSION_TYPE_TAG,
    classFilterMode: false,
  };
  if (subscription.subString === SUB_ALL) return subscription;
  const tags = new Set<string>();
  for (const part of subscription.subString.split('||')) {
    const tag = part.trim();
    if (tag.length > 0) tags.add(tag);
  }
  if (tags.size === 0) throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `subscription expression ${JSON.stringify(subString)} names no tag`);
  subscription.tagsSet = [...tags];
  subscription.codeSet = [...new Set(subscription.tagsSet.map(javaStringHash))];
  return subscription;
}

export function tagMatches(subscription: SubscriptionData, tags: string | undefined): boolean {
  if (subscription.tagsSet.length === 0 || subscription.classFilterMode) return true;
  return tags !== undefined && subscription.tagsSet.includes(tags);
}

/** Refuses a new topic past ClientLimits.maxSubscriptions subscriptions of one consumer. */
export function checkSubscriptionRoom(subscriptions: ReadonlyMap<string, unknown>, topic: string): void {
  if (!subscriptions.has(topic) && subscriptions.size >= ClientLimits.maxSubscriptions) {
    throw new MQClientError('CLIENT_ILLEGAL_ARGUMENT', `a consumer subscribes at most ${ClientLimits.maxSubscriptions} topics`);
  }
}
