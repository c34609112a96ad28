/**
 * RpcHook: the client's interception point around every request it sends, as RocketMQ's
 * `RPCHook`. ACL signing uses `beforeRequest` to add AccessKey/Signature ext fields after
 * the header is encoded and before the frame is written.
 */
import type { RemotingCommand } from './remoting-command.js';

export interface RpcHook {
  beforeRequest?(remoteAddress: string, request: RemotingCommand): void;
  afterResponse?(remoteAddress: string, request: RemotingCommand, response: RemotingCommand): void;
}
