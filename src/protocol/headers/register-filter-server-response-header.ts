/**
 * RegisterFilterServerResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of REGISTER_FILTER_SERVER (301).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | brokerName | string | yes | broker name |
 * | brokerId | long | yes | broker id |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const RegisterFilterServerResponseHeader = defineHeader('RegisterFilterServerResponseHeader', {
  brokerName: required('string'),
  brokerId: required('long'),
});
export type RegisterFilterServerResponseHeader = HeaderOf<typeof RegisterFilterServerResponseHeader.schema>;
