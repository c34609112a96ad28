/**
 * AddWritePermOfBrokerRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of ADD_WRITE_PERM_OF_BROKER (327).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | brokerName | string | yes | broker name |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const AddWritePermOfBrokerRequestHeader = defineHeader('AddWritePermOfBrokerRequestHeader', {
  brokerName: required('string'),
});
export type AddWritePermOfBrokerRequestHeader = HeaderOf<typeof AddWritePermOfBrokerRequestHeader.schema>;
