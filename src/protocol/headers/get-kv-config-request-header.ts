/**
 * GetKVConfigRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_KV_CONFIG (101).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | namespace | string | yes | namespace |
 * | key | string | yes | key |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetKVConfigRequestHeader = defineHeader('GetKVConfigRequestHeader', {
  namespace: required('string'),
  key: required('string'),
});
export type GetKVConfigRequestHeader = HeaderOf<typeof GetKVConfigRequestHeader.schema>;
