/**
 * DeleteAccessConfigRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of DELETE_ACL_CONFIG (51).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | accessKey | string | yes | access key |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const DeleteAccessConfigRequestHeader = defineHeader('DeleteAccessConfigRequestHeader', {
  accessKey: required('string'),
});
export type DeleteAccessConfigRequestHeader = HeaderOf<typeof DeleteAccessConfigRequestHeader.schema>;
