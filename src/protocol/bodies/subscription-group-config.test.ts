import { describe, expect, it } from 'vitest';
import {
  decodeSubscriptionGroupConfig,
  encodeSubscriptionGroupConfig,
  subscriptionGroupConfig,
} from './subscription-group-config.js';
import { decodeSubscriptionGroupWrapper, encodeSubscriptionGroupWrapper } from './subscription-group-wrapper.js';

describe('SubscriptionGroupConfig', () => {
  it('takes the Java defaults for absent properties', () => {
    expect(decodeSubscriptionGroupConfig('{"groupName":"G1","retryMaxTimes":"3"}')).toEqual(
      subscriptionGroupConfig('G1', { retryMaxTimes: 3 }),
    );
    expect(subscriptionGroupConfig('G1')).toMatchObject({
      consumeEnable: true,
      consumeFromMinEnable: true,
      consumeBroadcastEnable: true,
      retryQueueNums: 1,
      retryMaxTimes: 16,
      brokerId: 0,
      whichBrokerWhenConsumeSlowly: 1,
      notifyConsumerIdsChangedEnable: true,
    });
  });

  it('writes properties in fastjson order', () => {
    expect(encodeSubscriptionGroupConfig(subscriptionGroupConfig('G1')).toString('utf8')).toBe(
      '{"brokerId":0,"consumeBroadcastEnable":true,"consumeEnable":true,"consumeFromMinEnable":true,"groupName":"G1",' +
        '"notifyConsumerIdsChangedEnable":true,"retryMaxTimes":16,"retryQueueNums":1,"whichBrokerWhenConsumeSlowly":1}',
    );
  });

  it('round-trips inside a SubscriptionGroupWrapper', () => {
    const wrapper = {
      subscriptionGroupTable: new Map([['G1', subscriptionGroupConfig('G1', { consumeEnable: false })]]),
      dataVersion: { counter: 2, timestamp: 1 },
    };
    expect(decodeSubscriptionGroupWrapper(encodeSubscriptionGroupWrapper(wrapper))).toEqual(wrapper);
  });
});
