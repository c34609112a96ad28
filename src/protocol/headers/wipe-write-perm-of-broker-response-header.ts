/**
 * WipeWritePermOfBrokerResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of WIPE_WRITE_PERM_OF_BROKER (205).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | wipeTopicCount | int | yes | topics whose write permission was removed |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const WipeWritePermOfBrokerResponseHeader = defineHeader('WipeWritePermOfBrokerResponseHeader', {
  wipeTopicCount: required('int'),
});
export type WipeWritePermOfBrokerResponseHeader = HeaderOf<typeof WipeWritePermOfBrokerResponseHeader.schema>;
