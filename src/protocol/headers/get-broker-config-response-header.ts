/**
 * GetBrokerConfigResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of GET_BROKER_CONFIG (26); the body is the properties text.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | version | string | yes | config data version (JSON text) |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetBrokerConfigResponseHeader = defineHeader('GetBrokerConfigResponseHeader', {
  version: required('string'),
});
export type GetBrokerConfigResponseHeader = HeaderOf<typeof GetBrokerConfigResponseHeader.schema>;
