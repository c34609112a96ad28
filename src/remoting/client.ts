/**
 * RemotingClient: the client side of the remoting protocol. One connection per server
 * address (`ip:port`), opened on first use and again after it closes (reconnect);
 * concurrent callers share one connect attempt. Sync-style `invoke` (a promise with a
 * timeout), oneway sends, and handlers for requests the server sends on the client's own
 * connection (NOTIFY_CONSUMER_IDS_CHANGED, CHECK_TRANSACTION_STATE, …).
 */
import { connect, type Socket } from 'node:net';
import { Limits } from '../common/constants.js';
import { RocketMQError } from '../common/errors.js';
import { silentLogger, type Logger } from '../common/log.js';
import { RemotingConnection, type RequestHandler } from './connection.js';
import type { RemotingCommand } from './remoting-command.js';
import type { RpcHook } from './rpc-hook.js';

export interface RemotingClientOptions {
  logger?: Logger;
  rpcHook?: RpcHook;
  connectTimeoutMs?: number;
  /** Timeout of `invoke` when the caller gives none. */
  requestTimeoutMs?: number;
  maxFrameBytes?: number;
  /** Requests outstanding per connection before `invoke` fails fast with TOO_MANY_REQUESTS. */
  maxOutstandingRequests?: number;
  idleTimeoutMs?: number;
}

export class RemotingClient {
  private readonly options: RemotingClientOptions;
  private readonly logger: Logger;
  private readonly handlers = new Map<number, RequestHandler>();
  private readonly connections = new Map<string, Promise<RemotingConnection>>();
  private shutDown = false;

  constructor(options: RemotingClientOptions = {}) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
  }

  /** Serves a request code the server sends to this client. */
  registerHandler(code: number, handler: RequestHandler): void {
    this.handlers.set(code, handler);
  }

  async invoke(address: string, request: RemotingCommand, timeoutMs?: number): Promise<RemotingCommand> {
    const connection = await this.connection(address);
    this.options.rpcHook?.beforeRequest?.(address, request);
    const response = await connection.invoke(request, timeoutMs ?? this.options.requestTimeoutMs ?? Limits.defaultRequestTimeoutMs);
    this.options.rpcHook?.afterResponse?.(address, request, response);
    return response;
  }

  async invokeOneway(address: string, request: RemotingCommand): Promise<void> {
    const connection = await this.connection(address);
    this.options.rpcHook?.beforeRequest?.(address, request);
    connection.invokeOneway(request);
  }

  /** The open connection to `address`, connecting if there is none. */
  connection(address: string): Promise<RemotingConnection> {
    if (this.shutDown) return Promise.reject(new RocketMQError('CONNECTION_CLOSED', 'client is shut down'));
    const existing = this.connections.get(address);
    if (existing) return existing;
    const opening = this.open(address);
    this.connections.set(address, opening);
    opening.then(
      (connection) =>
        connection.onClose(() => {
          if (this.connections.get(address) === opening) this.connections.delete(address);
        }),
      () => {
        if (this.connections.get(address) === opening) this.connections.delete(address);
      },
    );
    return opening;
  }

  private open(address: string): Promise<RemotingConnection> {
    const { host, port } = parseAddress(address);
    const timeoutMs = this.options.connectTimeoutMs ?? Limits.connectTimeoutMs;
    return new Promise<RemotingConnection>((resolve, reject) => {
      const socket: Socket = connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new RocketMQError('CONNECT_FAILED', `connect to ${address} timed out after ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new RocketMQError('CONNECT_FAILED', `connect to ${address} failed: ${error.message}`));
      });
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(
          new RemotingConnection(socket, {
            handlers: this.handlers,
            logger: this.logger,
            maxFrameBytes: this.options.maxFrameBytes ?? Limits.maxFrameBytes,
            maxOutstandingRequests: this.options.maxOutstandingRequests ?? Limits.maxClientInFlightRequests,
            idleTimeoutMs: this.options.idleTimeoutMs ?? Limits.connectionIdleTimeoutMs,
          }),
        );
      });
    });
  }

  /** Closes a connection (the next call reconnects). */
  async closeConnection(address: string): Promise<void> {
    const opening = this.connections.get(address);
    this.connections.delete(address);
    const connection = await opening?.catch(() => null);
    connection?.close();
  }

  async shutdown(): Promise<void> {
    this.shutDown = true;
    const all = [...this.connections.values()];
    this.connections.clear();
    for (const opening of all) (await opening.catch(() => null))?.close();
  }
}

/** Splits `host:port` (IPv6 as `[::1]:port` or with the last colon as separator). */
export function parseAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  const port = Number(address.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new RocketMQError('CONNECT_FAILED', `"${address}" is not an address of the form host:port`);
  }
  const host = address.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  return { host, port };
}
