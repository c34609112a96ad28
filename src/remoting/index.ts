/** The remoting layer: frames, commands, and the TCP server and client that carry them. */
export { FrameDecoder } from './frame-decoder.js';
export {
  RPC_ONEWAY,
  RPC_TYPE_RESPONSE,
  createRequest,
  createResponse,
  decodeCommand,
  emptyExtFields,
  setExtField,
  encodeCommand,
  encodeCommandParts,
  isOneway,
  isResponse,
  type CommandInit,
  type ExtFields,
  type RemotingCommand,
} from './remoting-command.js';
export { RemotingConnection, formatAddress, type RequestHandler, type RequestHandlerTable } from './connection.js';
export { RemotingServer, type RemotingServerOptions } from './server.js';
export { RemotingClient, parseAddress, type RemotingClientOptions } from './client.js';
export type { RpcHook } from './rpc-hook.js';
