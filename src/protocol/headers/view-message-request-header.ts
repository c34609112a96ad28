/**
 * ViewMessageRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of VIEW_MESSAGE_BY_ID (33); the response header has no fields.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | offset | long | yes | commit-log offset (from an offset message id) |
 * | topic | string | no | [5.x] topic |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const ViewMessageRequestHeader = defineHeader('ViewMessageRequestHeader', {
  offset: required('long'),
  topic: optional('string'),
});
export type ViewMessageRequestHeader = HeaderOf<typeof ViewMessageRequestHeader.schema>;
