/**
 * Building a SubscriptionData from a subscription expression, as the broker does for pulls
 * that carry their own subscription (PullSysFlag SUBSCRIPTION) — Java
 * `FilterAPI.build` / `FilterAPI.buildSubscriptionData`, which ali-ons mirrors:
 *
 *   TAG (or no / empty expression type):
 *     null, '' or exactly '*'  → subString '*', empty tag and code sets (matches everything);
 *     otherwise                → split on '||', trim each part, drop empty parts; tagsSet =
 *                                the distinct tags in order, codeSet = their distinct
 *                                Java String.hashCode()s; subString stays as given.
 *   SQL92 (or any other type): not supported yet — a refusal the pull and
 *     CHECK_CLIENT_CONFIG handlers answer with SUBSCRIPTION_PARSE_FAILED (23).
 *
 * Note: Java compares with '*' before trimming, so ' * ' is the tag '*' (hash 42), not
 * "everything"; the same happens here.
 */
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import { javaStringHash } from '../../protocol/message/tag-hash.js';
import { ResponseCode } from '../../protocol/response-code.js';

/** SubscriptionData.SUB_ALL */
export const SUB_ALL = '*';
export const EXPRESSION_TYPE_TAG = 'TAG';
export const EXPRESSION_TYPE_SQL92 = 'SQL92';

/** Java ExpressionType.isTagType: null, empty or TAG. */
export function isTagType(expressionType: string | null | undefined): boolean {
  return expressionType === undefined || expressionType === null || expressionType === '' || expressionType === EXPRESSION_TYPE_TAG;
}

/** Why a subscription cannot be served, with the response the handler sends. */
export interface SubscriptionRefusal {
  ok: false;
  responseCode: number;
  remark: string;
}

export type SubscriptionOutcome = { ok: true; subscription: SubscriptionData } | SubscriptionRefusal;

/** Java FilterAPI.buildSubscriptionData: a TAG subscription of `topic`. */
export function buildTagSubscription(topic: string, subString: string | null | undefined, subVersion: number): SubscriptionData {
  const subscription: SubscriptionData = {
    topic,
    subString: subString ?? SUB_ALL,
    tagsSet: [],
    codeSet: [],
    subVersion,
    expressionType: EXPRESSION_TYPE_TAG,
    classFilterMode: false,
  };
  if (subString === undefined || subString === null || subString === '' || subString === SUB_ALL) {
    subscription.subString = SUB_ALL;
    return subscription;
  }
  const seen = new Set<string>();
  for (const part of subString.split('||')) {
    const tag = part.trim();
    if (tag === '' || seen.has(tag)) continue;
    seen.add(tag);
    subscription.tagsSet.push(tag);
    const code = javaStringHash(tag);
    if (!subscription.codeSet.includes(code)) subscription.codeSet.push(code);
  }
  return subscription;
}

/** Java FilterAPI.build: TAG subscriptions are built; other expression types are refused for now. */
export function buildSubscription(
  topic: string,
  subString: string | null | undefined,
  expressionType: string | null | undefined,
  subVersion: number,
): SubscriptionOutcome {
  if (isTagType(expressionType)) return { ok: true, subscription: buildTagSubscription(topic, subString, subVersion) };
  return unsupportedExpression(expressionType ?? '');
}

/** The refusal for an expression type this broker cannot evaluate (SQL92 is a later issue). */
export function unsupportedExpression(expressionType: string): SubscriptionRefusal {
  return {
    ok: false,
    responseCode: ResponseCode.SUBSCRIPTION_PARSE_FAILED,
    remark: `this broker does not filter messages by ${expressionType} expressions yet; subscribe by TAG`,
  };
}
