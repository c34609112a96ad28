/**
 * DeleteKVConfigRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of DELETE_KV_CONFIG (102).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | namespace | string | yes | namespace |
 * | key | string | yes | key |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const DeleteKVConfigRequestHeader = defineHeader('DeleteKVConfigRequestHeader', {
  namespace: required('string'),
  key: required('string'),
});
export type DeleteKVConfigRequestHeader = HeaderOf<typeof DeleteKVConfigRequestHeader.schema>;
