import { describe, expect, it } from 'vitest';
import { buildSubscriptionData, tagMatches } from './subscription.js';
import { PullSysFlag, buildPullSysFlag, clearCommitOffsetFlag } from '../../protocol/pull-sys-flag.js';

describe('subscriptions from tag expressions', () => {
  it('blank, absent or * subscribes to everything', () => {
    for (const expression of [undefined, '', '*']) {
      expect(buildSubscriptionData('T', expression, 5)).toEqual({ topic: 'T', subString: '*', tagsSet: [], codeSet: [], subVersion: 5, expressionType: 'TAG', classFilterMode: false });
    }
  });

  it('splits on ||, trims, drops empty and repeated tags, and hashes each tag as Java String.hashCode', () => {
    const subscription = buildSubscriptionData('T', ' TagA || TagB ||  || TagA', 1);
    expect(subscription.subString).toBe(' TagA || TagB ||  || TagA');
    expect(subscription.tagsSet).toEqual(['TagA', 'TagB']);
    expect(subscription.codeSet).toEqual([2598919, 2598920]);
  });

  it('an expression that names no tag is refused', () => {
    expect(() => buildSubscriptionData('T', ' || ', 1)).toThrow(/names no tag/);
  });

  it('client-side re-filter: everything matches *, otherwise the TAGS must be one of the tags', () => {
    const all = buildSubscriptionData('T', '*', 1);
    const some = buildSubscriptionData('T', 'TagA||TagB', 1);
    expect(tagMatches(all, undefined)).toBe(true);
    expect(tagMatches(some, 'TagB')).toBe(true);
    expect(tagMatches(some, 'TagC')).toBe(false);
    expect(tagMatches(some, undefined)).toBe(false);
  });
});

describe('pull sysFlag', () => {
  it('sets the bits a pull asks for', () => {
    expect(buildPullSysFlag({ subscription: true })).toBe(0x4);
    expect(buildPullSysFlag({ suspend: true, subscription: true })).toBe(0x6);
    expect(buildPullSysFlag({ commitOffset: true, suspend: true })).toBe(0x3);
    expect(buildPullSysFlag({ classFilter: true, litePull: true })).toBe(PullSysFlag.CLASS_FILTER | PullSysFlag.LITE_PULL);
    expect(clearCommitOffsetFlag(0x7)).toBe(0x6);
  });
});
