/**
 * QueryDataVersionRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of QUERY_DATA_VERSION (322); the body is the broker's DataVersion.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | brokerName | string | yes | broker name |
 * | brokerAddr | string | yes | ip:port |
 * | clusterName | string | yes | cluster name |
 * | brokerId | long | yes | 0 = master |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const QueryDataVersionRequestHeader = defineHeader('QueryDataVersionRequestHeader', {
  brokerName: required('string'),
  brokerAddr: required('string'),
  clusterName: required('string'),
  brokerId: required('long'),
});
export type QueryDataVersionRequestHeader = HeaderOf<typeof QueryDataVersionRequestHeader.schema>;
