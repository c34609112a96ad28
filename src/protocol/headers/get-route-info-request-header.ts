/**
 * GetRouteInfoRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_ROUTEINFO_BY_TOPIC (105).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 * | acceptStandardJsonOnly | boolean | no | client wants standard JSON (4.9.4+) |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const GetRouteInfoRequestHeader = defineHeader('GetRouteInfoRequestHeader', {
  topic: required('string'),
  acceptStandardJsonOnly: optional('boolean'),
});
export type GetRouteInfoRequestHeader = HeaderOf<typeof GetRouteInfoRequestHeader.schema>;
