/**
 * GetKVListByNamespaceRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_KVLIST_BY_NAMESPACE (219); the answer is a KVTable body.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | namespace | string | yes | namespace |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetKVListByNamespaceRequestHeader = defineHeader('GetKVListByNamespaceRequestHeader', {
  namespace: required('string'),
});
export type GetKVListByNamespaceRequestHeader = HeaderOf<typeof GetKVListByNamespaceRequestHeader.schema>;
