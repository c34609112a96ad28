/**
 * rocketmq-ts/testing: an in-process name server and broker for applications' tests.
 */
export { EmbeddedCluster, FAST_DELAY_LEVELS, startEmbeddedCluster, type CreateTopicOptions, type EmbeddedClusterOptions } from './embedded-cluster.js';
