import { describe, expect, it } from 'vitest';
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import { javaStringHash, tagsCodeOf } from '../../protocol/message/tag-hash.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { buildSubscription, buildTagSubscription, isTagType } from './build-subscription.js';
import { MATCH_ALL_FILTER, TagMessageFilter, messageFilterFor } from './tag-filter.js';

describe('buildTagSubscription (Java FilterAPI.buildSubscriptionData)', () => {
  it('treats null, empty and * as "everything" with empty sets', () => {
    for (const expression of [null, undefined, '', '*']) {
      const subscription = buildTagSubscription('T', expression, 7);
      expect(subscription).toEqual({
        topic: 'T',
        subString: '*',
        tagsSet: [],
        codeSet: [],
        subVersion: 7,
        expressionType: 'TAG',
        classFilterMode: false,
      });
    }
  });

  it('splits on ||, trims, drops empty parts and hashes each tag like String.hashCode()', () => {
    const subscription = buildTagSubscription('T', ' TagA || TagB|||| ||TagA', 1);
    expect(subscription.subString).toBe(' TagA || TagB|||| ||TagA');
    expect(subscription.tagsSet).toEqual(['TagA', 'TagB']);
    expect(subscription.codeSet).toEqual([2598919, 2598920]);
  });

  it('hashes non-ASCII tags over UTF-16 code units', () => {
    expect(buildTagSubscription('T', '中文标签', 1).codeSet).toEqual([622041809]);
  });

  it('keeps one code when two tags collide', () => {
    // "Aa" and "BB" have the same Java hash code.
    const subscription = buildTagSubscription('T', 'Aa||BB', 1);
    expect(subscription.tagsSet).toEqual(['Aa', 'BB']);
    expect(subscription.codeSet).toEqual([javaStringHash('Aa')]);
  });

  it('compares with * before trimming, as Java does', () => {
    expect(buildTagSubscription('T', ' * ', 1).codeSet).toEqual([42]);
  });
});

describe('buildSubscription (Java FilterAPI.build)', () => {
  it('builds TAG subscriptions for TAG, empty and missing expression types', () => {
    for (const type of ['TAG', '', null, undefined]) {
      const outcome = buildSubscription('T', 'TagA', type, 3);
      expect(outcome.ok).toBe(true);
      if (outcome.ok) expect(outcome.subscription.codeSet).toEqual([2598919]);
    }
    expect(isTagType('SQL92')).toBe(false);
  });

  it('refuses SQL92 with SUBSCRIPTION_PARSE_FAILED and a readable remark', () => {
    const outcome = buildSubscription('T', 'a > 5', 'SQL92', 3);
    expect(outcome).toMatchObject({ ok: false, responseCode: ResponseCode.SUBSCRIPTION_PARSE_FAILED });
    if (!outcome.ok) expect(outcome.remark).toContain('SQL92');
  });
});

describe('TagMessageFilter', () => {
  it('lets everything through for *', () => {
    const filter = new TagMessageFilter(buildTagSubscription('T', '*', 1));
    expect(filter.matchesAll).toBe(true);
    expect(filter.matchesTagsCode(0)).toBe(true);
    expect(filter.matchesTagsCode(12345)).toBe(true);
  });

  it('keeps only messages whose tags code is in the code set; untagged messages only match *', () => {
    const filter = new TagMessageFilter(buildTagSubscription('T', 'TagA || TagC', 1));
    expect(filter.matchesTagsCode(tagsCodeOf('TagA'))).toBe(true);
    expect(filter.matchesTagsCode(tagsCodeOf('TagC'))).toBe(true);
    expect(filter.matchesTagsCode(tagsCodeOf('TagB'))).toBe(false);
    expect(filter.matchesTagsCode(tagsCodeOf(undefined))).toBe(false);
  });

  it('compares the low 32 bits of the code, like Long.intValue()', () => {
    const filter = new TagMessageFilter(buildTagSubscription('T', 'TagA', 1));
    expect(filter.matchesTagsCode(2598919 + 2 ** 32)).toBe(true);
  });

  it('lets everything through in class filter mode', () => {
    const subscription: SubscriptionData = { ...buildTagSubscription('T', 'TagA', 1), classFilterMode: true };
    expect(new TagMessageFilter(subscription).matchesTagsCode(99)).toBe(true);
    expect(messageFilterFor(subscription)).toEqual({ ok: true, filter: MATCH_ALL_FILTER });
  });
});

describe('messageFilterFor', () => {
  it('makes a tag filter for TAG subscriptions (heartbeat ones from ali-ons omit the type)', () => {
    const outcome = messageFilterFor({ ...buildTagSubscription('T', 'TagB', 1), expressionType: '' });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.filter.matchesTagsCode(tagsCodeOf('TagB'))).toBe(true);
  });

  it('refuses SQL92 subscriptions', () => {
    const subscription: SubscriptionData = { ...buildTagSubscription('T', '*', 1), subString: 'a > 1', expressionType: 'SQL92' };
    expect(messageFilterFor(subscription)).toMatchObject({ ok: false, responseCode: 23 });
  });
});
