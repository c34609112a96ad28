/**
 * DeleteSubscriptionGroupRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of DELETE_SUBSCRIPTIONGROUP (207).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | groupName | string | yes | group |
 * | removeOffset | boolean | no | also drop its offsets; Java default false |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const DeleteSubscriptionGroupRequestHeader = defineHeader('DeleteSubscriptionGroupRequestHeader', {
  groupName: required('string'),
  removeOffset: optional('boolean'),
});
export type DeleteSubscriptionGroupRequestHeader = HeaderOf<typeof DeleteSubscriptionGroupRequestHeader.schema>;
