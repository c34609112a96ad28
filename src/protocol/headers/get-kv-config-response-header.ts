/**
 * GetKVConfigResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of GET_KV_CONFIG (101).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | value | string | no | the value |
 */
import { defineHeader, optional, type HeaderOf } from './header-codec.js';

export const GetKVConfigResponseHeader = defineHeader('GetKVConfigResponseHeader', {
  value: optional('string'),
});
export type GetKVConfigResponseHeader = HeaderOf<typeof GetKVConfigResponseHeader.schema>;
