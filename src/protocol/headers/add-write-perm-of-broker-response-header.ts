/**
 * AddWritePermOfBrokerResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of ADD_WRITE_PERM_OF_BROKER (327).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | addTopicCount | int | yes | topics whose write permission was restored |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const AddWritePermOfBrokerResponseHeader = defineHeader('AddWritePermOfBrokerResponseHeader', {
  addTopicCount: required('int'),
});
export type AddWritePermOfBrokerResponseHeader = HeaderOf<typeof AddWritePermOfBrokerResponseHeader.schema>;
