/**
 * SearchOffsetRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of SEARCH_OFFSET_BY_TIMESTAMP (29).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 * | queueId | int | yes | queue id |
 * | timestamp | long | yes | store time to search for, ms |
 * | bname | string | no | broker name the client believes it is talking to (Java >= 4.9.5) |
 * | boundaryType | string | no | [5.x] lower / upper |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const SearchOffsetRequestHeader = defineHeader('SearchOffsetRequestHeader', {
  topic: required('string'),
  queueId: required('int'),
  timestamp: required('long'),
  bname: optional('string'),
  boundaryType: optional('string'),
});
export type SearchOffsetRequestHeader = HeaderOf<typeof SearchOffsetRequestHeader.schema>;
