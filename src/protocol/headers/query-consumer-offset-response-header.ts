/**
 * QueryConsumerOffsetResponseHeader: custom header (`extFields`) of the remoting protocol.
 *
 * Response header of QUERY_CONSUMER_OFFSET (14).
 *
 * | key | type | required | meaning |
 * | --- | --- | --- | --- |
 * | offset | long | yes | committed consumer offset |
 */
import { defineHeader, required, type HeaderOf } from './header-codec.js';

export const QueryConsumerOffsetResponseHeader = defineHeader('QueryConsumerOffsetResponseHeader', {
  offset: required('long'),
});
export type QueryConsumerOffsetResponseHeader = HeaderOf<typeof QueryConsumerOffsetResponseHeader.schema>;
