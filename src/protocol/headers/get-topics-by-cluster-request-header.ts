/**
 * GetTopicsByClusterRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of GET_TOPICS_BY_CLUSTER (224); the answer is a TopicList body.
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | cluster | string | yes | cluster name |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const GetTopicsByClusterRequestHeader = defineHeader('GetTopicsByClusterRequestHeader', {
  cluster: required('string'),
});
export type GetTopicsByClusterRequestHeader = HeaderOf<typeof GetTopicsByClusterRequestHeader.schema>;
