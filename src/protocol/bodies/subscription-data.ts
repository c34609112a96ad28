/**
 * SubscriptionData: one subscription of a consumer (heartbeats, ConsumerConnection,
 * CheckClientRequestBody, ConsumerRunningInfo).
 *
 * JSON (fastjson order):
 *   {"classFilterMode":false,"codeSet":[2598919],"expressionType":"TAG","subString":"TagA",
 *    "subVersion":1795537748311,"tagsSet":["TagA"],"topic":"T1"}
 * ali-ons leaves expressionType out for tag subscriptions: it reads as TAG (Java's
 * default). codeSet holds Java String.hashCode() of each tag. filterClassSource is never
 * serialized. Java defaults: classFilterMode false, empty sets, subVersion = now.
 */
import type { BodyReader } from './body-json.js';

export interface SubscriptionData {
  topic: string;
  subString: string;
  tagsSet: string[];
  codeSet: number[];
  subVersion: number;
  /** TAG or SQL92 */
  expressionType: string;
  classFilterMode: boolean;
}

export function readSubscriptionData(reader: BodyReader): SubscriptionData {
  return {
    topic: reader.field('topic').string(),
    subString: reader.field('subString').string(),
    tagsSet: reader.field('tagsSet').list((item) => item.string()),
    codeSet: reader.field('codeSet').list((item) => item.int()),
    subVersion: reader.field('subVersion').long(Date.now()),
    expressionType: reader.field('expressionType').optionalString() ?? 'TAG',
    classFilterMode: reader.field('classFilterMode').boolean(),
  };
}

export function subscriptionDataJson(subscription: SubscriptionData): Record<string, unknown> {
  return {
    classFilterMode: subscription.classFilterMode,
    codeSet: subscription.codeSet,
    expressionType: subscription.expressionType,
    subString: subscription.subString,
    subVersion: subscription.subVersion,
    tagsSet: subscription.tagsSet,
    topic: subscription.topic,
  };
}
