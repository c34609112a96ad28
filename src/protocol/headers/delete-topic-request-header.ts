/**
 * DeleteTopicRequestHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Request header of DELETE_TOPIC_IN_BROKER (215).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | topic | string | yes | topic |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const DeleteTopicRequestHeader = defineHeader('DeleteTopicRequestHeader', {
  topic: required('string'),
});
export type DeleteTopicRequestHeader = HeaderOf<typeof DeleteTopicRequestHeader.schema>;
