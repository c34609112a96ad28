import { describe, expect, it } from 'vitest';
import { BrokerAddressTable } from './broker-address-table.js';

const broker = (brokerName: string, addrs: [number, string][]) => ({ cluster: 'C', brokerName, brokerAddrs: new Map(addrs) });

describe('broker address table', () => {
  const table = new BrokerAddressTable();
  table.update([broker('broker-a', [[1, 'slave-a1'], [0, 'master-a'], [2, 'slave-a2']]), broker('broker-s', [[1, 'slave-s1']])]);

  it('publishes to masters only', () => {
    expect(table.masterAddress('broker-a')).toBe('master-a');
    expect(table.masterAddress('broker-s')).toBeUndefined();
    expect(table.masterAddress('broker-x')).toBeUndefined();
  });

  it('subscribes to the wanted id, a slave id falls to the next id, else any address unless onlyThisBroker', () => {
    expect(table.findInSubscribe('broker-a', 1, false)).toEqual({ address: 'slave-a1', brokerId: 1, slave: true });
    expect(table.findInSubscribe('broker-s', 0, true)).toBeUndefined();
    expect(table.findInSubscribe('broker-s', 0, false)).toEqual({ address: 'slave-s1', brokerId: 1, slave: true });
    expect(table.findInSubscribe('broker-a', 5, false)).toEqual({ address: 'master-a', brokerId: 0, slave: false });
  });

  it('admin calls use the master first', () => {
    expect(table.findInAdmin('broker-a')).toEqual({ address: 'master-a', brokerId: 0, slave: false });
  });

  it('drops addresses no route mentions, and brokers left without any', () => {
    const pruned = new BrokerAddressTable();
    pruned.update([broker('broker-a', [[0, 'master-a'], [1, 'slave-a1']]), broker('broker-b', [[0, 'master-b']])]);
    pruned.retainAddresses(new Set(['master-a']));
    expect([...pruned.entries()]).toEqual([{ brokerName: 'broker-a', brokerId: 0, address: 'master-a' }]);
  });

  it('is bounded: a new broker beyond the limit is refused', () => {
    const small = new BrokerAddressTable(1);
    expect(small.update([broker('broker-a', [[0, 'a']])])).toBe(true);
    expect(small.update([broker('broker-b', [[0, 'b']])])).toBe(false);
    expect(small.brokerNames()).toEqual(['broker-a']);
  });
});
