/**
 * WipeWritePermOfBrokerRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of WIPE_WRITE_PERM_OF_BROKER (205).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | brokerName | string | yes | broker name |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const WipeWritePermOfBrokerRequestHeader = defineHeader('WipeWritePermOfBrokerRequestHeader', {
  brokerName: required('string'),
});
export type WipeWritePermOfBrokerRequestHeader = HeaderOf<typeof WipeWritePermOfBrokerRequestHeader.schema>;
