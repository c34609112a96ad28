/**
 * What every name-server request handler works with, and the shape of a handler: one
 * function per request code (handlers/<code-name>.ts), bound to the context when the
 * server starts. Handlers throw RocketMQErrors for bad input; the transport answers them
 * with the error's wire code (1 SYSTEM_ERROR) and its message as remark.
 */
import type { Logger } from '../common/log.js';
import type { TopicRouteData } from '../protocol/bodies/topic-route-data.js';
import type { RemotingConnection } from '../remoting/connection.js';
import type { RemotingCommand } from '../remoting/remoting-command.js';
import type { KVConfigManager } from './kv-config-manager.js';
import type { NamesrvConfiguration } from './namesrv-configuration.js';
import type { RouteBodyCache } from './route-body-cache.js';
import type { RouteInfoManager } from './route-info-manager.js';

export interface NamesrvContext {
  readonly routes: RouteInfoManager;
  readonly kv: KVConfigManager;
  readonly configuration: NamesrvConfiguration;
  readonly routeBodies: RouteBodyCache;
  readonly logger: Logger;
  /** With clusterTest: where a topic this server does not know is looked up; else null. */
  readonly lookUpElsewhere: ((topic: string) => Promise<TopicRouteData | null>) | null;
}

export type NamesrvHandler = (
  context: NamesrvContext,
  request: RemotingCommand,
  connection: RemotingConnection,
) => RemotingCommand | Promise<RemotingCommand>;
