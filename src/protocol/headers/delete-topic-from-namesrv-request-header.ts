/**
 * DeleteTopicFromNamesrvRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of DELETE_TOPIC_IN_NAMESRV (216).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 * | clusterName | string | no | only from this cluster |
 */
import { defineHeader, optional, required, type HeaderOf } from './header-codec.js';

export const DeleteTopicFromNamesrvRequestHeader = defineHeader('DeleteTopicFromNamesrvRequestHeader', {
  topic: required('string'),
  clusterName: optional('string'),
});
export type DeleteTopicFromNamesrvRequestHeader = HeaderOf<typeof DeleteTopicFromNamesrvRequestHeader.schema>;
