/**
 * RegisterFilterServerRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of REGISTER_FILTER_SERVER (301).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | filterServerAddr | string | yes | ip:port of the filter server |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const RegisterFilterServerRequestHeader = defineHeader('RegisterFilterServerRequestHeader', {
  filterServerAddr: required('string'),
});
export type RegisterFilterServerRequestHeader = HeaderOf<typeof RegisterFilterServerRequestHeader.schema>;
