/**
 * NotifyConsumerIdsChangedRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of NOTIFY_CONSUMER_IDS_CHANGED (40), a oneway request from the broker
 * to each member of a group.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | consumerGroup | string | yes | group whose membership changed |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const NotifyConsumerIdsChangedRequestHeader = defineHeader('NotifyConsumerIdsChangedRequestHeader', {
  consumerGroup: required('string'),
});
export type NotifyConsumerIdsChangedRequestHeader = HeaderOf<typeof NotifyConsumerIdsChangedRequestHeader.schema>;
