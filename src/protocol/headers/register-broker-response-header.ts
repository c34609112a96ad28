/**
 * RegisterBrokerResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of REGISTER_BROKER (103).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | haServerAddr | string | no | master's HA address (for slaves) |
 * | masterAddr | string | no | master's address (for slaves) |
 */
import { defineHeader, optional, type HeaderOf } from './header-codec.js';

export const RegisterBrokerResponseHeader = defineHeader('RegisterBrokerResponseHeader', {
  haServerAddr: optional('string'),
  masterAddr: optional('string'),
});
export type RegisterBrokerResponseHeader = HeaderOf<typeof RegisterBrokerResponseHeader.schema>;
