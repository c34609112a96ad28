/**
 * The header classes of RocketMQ 4.9.8 that have no fields, gathered in one file instead
 * of one file each. Their codecs decode any ext map (also null) to `{}` and encode to an
 * empty map; they exist so that the code tables can name a header for these codes.
 *
 * | class | used by |
 * | --- | --- |
 * | UpdateConsumerOffsetResponseHeader | response of UPDATE_CONSUMER_OFFSET (15) |
 * | GetConsumerListByGroupResponseHeader | response of GET_CONSUMER_LIST_BY_GROUP (38); the ids are in the body |
 * | UnregisterClientResponseHeader | response of UNREGISTER_CLIENT (35) |
 * | EndTransactionResponseHeader | response of END_TRANSACTION (37) |
 * | ViewMessageResponseHeader | response of VIEW_MESSAGE_BY_ID (33); the message is the body |
 * | GetAllTopicConfigResponseHeader | response of GET_ALL_TOPIC_CONFIG (21); the table is the body |
 * | GetAllProducerInfoRequestHeader | request of GET_ALL_PRODUCER_INFO (328) |
 */
import { defineHeader, type HeaderOf } from './header-codec.js';

export const UpdateConsumerOffsetResponseHeader = defineHeader('UpdateConsumerOffsetResponseHeader', {});
export type UpdateConsumerOffsetResponseHeader = HeaderOf<typeof UpdateConsumerOffsetResponseHeader.schema>;

export const GetConsumerListByGroupResponseHeader = defineHeader('GetConsumerListByGroupResponseHeader', {});
export type GetConsumerListByGroupResponseHeader = HeaderOf<typeof GetConsumerListByGroupResponseHeader.schema>;

export const UnregisterClientResponseHeader = defineHeader('UnregisterClientResponseHeader', {});
export type UnregisterClientResponseHeader = HeaderOf<typeof UnregisterClientResponseHeader.schema>;

export const EndTransactionResponseHeader = defineHeader('EndTransactionResponseHeader', {});
export type EndTransactionResponseHeader = HeaderOf<typeof EndTransactionResponseHeader.schema>;

export const ViewMessageResponseHeader = defineHeader('ViewMessageResponseHeader', {});
export type ViewMessageResponseHeader = HeaderOf<typeof ViewMessageResponseHeader.schema>;

export const GetAllTopicConfigResponseHeader = defineHeader('GetAllTopicConfigResponseHeader', {});
export type GetAllTopicConfigResponseHeader = HeaderOf<typeof GetAllTopicConfigResponseHeader.schema>;

export const GetAllProducerInfoRequestHeader = defineHeader('GetAllProducerInfoRequestHeader', {});
export type GetAllProducerInfoRequestHeader = HeaderOf<typeof GetAllProducerInfoRequestHeader.schema>;
