/**
 * RegisterBrokerRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of REGISTER_BROKER (103).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | brokerName | string | yes | broker name |
 * | brokerAddr | string | yes | ip:port |
 * | clusterName | string | yes | cluster name |
 * | haServerAddr | string | yes | ip:haPort |
 * | brokerId | long | yes | 0 = master |
 * | compressed | boolean | no | body is the zlib form; Java default false |
 * | bodyCrc32 | int | no | CRC-32 & 0x7FFFFFFF of the body; 0 (Java default) = unchecked |
 * | heartbeatTimeoutMillis | long | no | [5.x] broker channel expiry |
 * | enableActingMaster | boolean | no | [5.x] acting-master switch |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const RegisterBrokerRequestHeader = defineHeader('RegisterBrokerRequestHeader', {
  brokerName: required('string'),
  brokerAddr: required('string'),
  clusterName: required('string'),
  haServerAddr: required('string'),
  brokerId: required('long'),
  compressed: optional('boolean'),
  bodyCrc32: optional('int'),
  heartbeatTimeoutMillis: optional('long'),
  enableActingMaster: optional('boolean'),
});
export type RegisterBrokerRequestHeader = HeaderOf<typeof RegisterBrokerRequestHeader.schema>;
