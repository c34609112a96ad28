/**
 * The RocketMQ protocol without I/O: request and response codes, language and serialize
 * enums, typed custom headers, JSON bodies and the message codecs.
 */
export * from './request-code.js';
export * from './response-code.js';
export * from './language-code.js';
export * from './serialize-type.js';
export * from './headers/index.js';
export * from './bodies/index.js';
export * from './message/batch.js';
export * from './message/compression.js';
export * from './message/message-id.js';
export * from './message/message-record.js';
export * from './message/properties.js';
export * from './message/socket-address.js';
export * from './message/sys-flag.js';
export * from './message/tag-hash.js';
export * from './message/unique-key.js';
export * from './perm-name.js';
export * from './pull-sys-flag.js';
