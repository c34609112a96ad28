/**
 * QueryMessageRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of QUERY_MESSAGE (12). `_UNIQUE_KEY_QUERY` is not a field of the Java
 * class but an extra ext key the clients add; it is modelled as an optional field.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 * | key | string | yes | business key (KEYS) or UNIQ_KEY |
 * | maxNum | int | yes | most messages to return |
 * | beginTimestamp | long | yes | store time range start, ms |
 * | endTimestamp | long | yes | store time range end, ms |
 * | _UNIQUE_KEY_QUERY | boolean | no | true: key is a UNIQ_KEY (broker uses its default max 32) (property `uniqueKeyQuery`) |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const QueryMessageRequestHeader = defineHeader('QueryMessageRequestHeader', {
  topic: required('string'),
  key: required('string'),
  maxNum: required('int'),
  beginTimestamp: required('long'),
  endTimestamp: required('long'),
  uniqueKeyQuery: optional('boolean', '_UNIQUE_KEY_QUERY'),
});
export type QueryMessageRequestHeader = HeaderOf<typeof QueryMessageRequestHeader.schema>;
