/**
 * TagMessageFilter: the store MessageFilter of a TAG subscription (Java
 * ExpressionMessageFilter for tag types). It decides from the consume-queue tags code
 * alone, so the store need not read a record to skip it:
 *
 *   - class filter mode (obsolete filter servers) or subString '*' → every message;
 *   - otherwise → messages whose tags code is in the subscription's codeSet.
 *
 * Tags codes are Java String.hashCode() values, so different tags can collide; clients
 * re-check the TAGS string (as Java and ali-ons do). A message without a tag has code 0
 * and matches only '*'. The code is compared as Java's `Long.intValue()` (low 32 bits).
 *
 * `messageFilterFor` turns any subscription into a filter, refusing the expression types
 * this broker cannot evaluate yet (SQL92).
 */
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import type { MessageFilter } from '../../store/message-store.js';
import { SUB_ALL, isTagType, unsupportedExpression, type SubscriptionRefusal } from './build-subscription.js';

export class TagMessageFilter implements MessageFilter {
  /** null: everything matches. */
  private readonly codes: ReadonlySet<number> | null;

  constructor(subscription: Pick<SubscriptionData, 'subString' | 'codeSet' | 'classFilterMode'>) {
    const all = subscription.classFilterMode || subscription.subString === SUB_ALL;
    this.codes = all ? null : new Set(subscription.codeSet.map((code) => code | 0));
  }

  /** True when the filter lets every message through. */
  get matchesAll(): boolean {
    return this.codes === null;
  }

  matchesTagsCode(tagsCode: number): boolean {
    return this.codes === null || this.codes.has(tagsCode | 0);
  }
}

/** A filter that keeps every message (no subscription known, as Java treats a null subscription). */
export const MATCH_ALL_FILTER: MessageFilter = { matchesTagsCode: () => true };

export type MessageFilterOutcome = { ok: true; filter: MessageFilter } | SubscriptionRefusal;

/** The store filter of a subscription, or the refusal to send when its type is not supported. */
export function messageFilterFor(subscription: SubscriptionData): MessageFilterOutcome {
  if (subscription.classFilterMode) return { ok: true, filter: MATCH_ALL_FILTER };
  if (!isTagType(subscription.expressionType)) return unsupportedExpression(subscription.expressionType);
  return { ok: true, filter: new TagMessageFilter(subscription) };
}
