/**
 * UnRegisterBrokerRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of UNREGISTER_BROKER (104).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | brokerName | string | yes | broker name |
 * | brokerAddr | string | yes | ip:port |
 * | clusterName | string | yes | cluster name |
 * | brokerId | long | yes | 0 = master |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const UnRegisterBrokerRequestHeader = defineHeader('UnRegisterBrokerRequestHeader', {
  brokerName: required('string'),
  brokerAddr: required('string'),
  clusterName: required('string'),
  brokerId: required('long'),
});
export type UnRegisterBrokerRequestHeader = HeaderOf<typeof UnRegisterBrokerRequestHeader.schema>;
