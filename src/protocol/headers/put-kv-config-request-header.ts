/**
 * PutKVConfigRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of PUT_KV_CONFIG (100).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | namespace | string | yes | namespace |
 * | key | string | yes | key |
 * | value | string | yes | value |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const PutKVConfigRequestHeader = defineHeader('PutKVConfigRequestHeader', {
  namespace: required('string'),
  key: required('string'),
  value: required('string'),
});
export type PutKVConfigRequestHeader = HeaderOf<typeof PutKVConfigRequestHeader.schema>;
