/**
 * GetBrokerAclConfigResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of GET_BROKER_CLUSTER_ACL_INFO (52).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | version | string | yes | ACL data version |
 * | allAclFileVersion | string | no | versions of every ACL file |
 * | brokerName | string | yes | broker name |
 * | brokerAddr | string | yes | ip:port |
 * | clusterName | string | yes | cluster name |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const GetBrokerAclConfigResponseHeader = defineHeader('GetBrokerAclConfigResponseHeader', {
  version: required('string'),
  allAclFileVersion: optional('string'),
  brokerName: required('string'),
  brokerAddr: required('string'),
  clusterName: required('string'),
});
export type GetBrokerAclConfigResponseHeader = HeaderOf<typeof GetBrokerAclConfigResponseHeader.schema>;
