/**
 * RemotingServer: a TCP server of the RocketMQ remoting protocol (what the name server
 * and the broker listen with). Requests are served by one handler per request code;
 * unknown codes are answered 3 REQUEST_CODE_NOT_SUPPORTED (see connection.ts for the
 * per-connection rules: oneway, ordering, in-flight bound, bad input).
 *
 * The server may also call its clients on their own connections (NOTIFY_CONSUMER_IDS_CHANGED,
 * CHECK_TRANSACTION_STATE, GET_CONSUMER_RUNNING_INFO) through `RemotingConnection.invoke`.
 *
 * Shutdown: stop accepting, answer new requests SYSTEM_BUSY, give in-flight requests up
 * to `shutdownGraceMs` to finish, answer the rest SYSTEM_BUSY, flush, close.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Limits } from '../common/constants.js';
import { silentLogger, type Logger } from '../common/log.js';
import { RemotingConnection, type RequestHandler } from './connection.js';

export interface RemotingServerOptions {
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  logger?: Logger;
  maxFrameBytes?: number;
  maxInFlightRequestsPerConnection?: number;
  maxPendingWriteBytesPerConnection?: number;
  idleTimeoutMs?: number;
  shutdownGraceMs?: number;
}

export class RemotingServer {
  private readonly options: RemotingServerOptions;
  private readonly logger: Logger;
  private readonly handlers = new Map<number, RequestHandler>();
  private readonly liveConnections = new Set<RemotingConnection>();
  private readonly connectionListeners: ((connection: RemotingConnection) => void)[] = [];
  private readonly disconnectionListeners: ((connection: RemotingConnection) => void)[] = [];
  private server: Server | null = null;
  private boundAddress: AddressInfo | null = null;

  constructor(options: RemotingServerOptions = {}) {
    this.options = options;
    this.logger = options.logger ?? silentLogger;
  }

  registerHandler(code: number, handler: RequestHandler): void {
    this.handlers.set(code, handler);
  }

  /** Listens for new connections (after the handshake, before any frame). */
  onConnection(listener: (connection: RemotingConnection) => void): void {
    this.connectionListeners.push(listener);
  }

  /** Listens for closed connections, whatever closed them. */
  onDisconnection(listener: (connection: RemotingConnection) => void): void {
    this.disconnectionListeners.push(listener);
  }

  get connections(): ReadonlySet<RemotingConnection> {
    return this.liveConnections;
  }

  /** The bound address, once listening. */
  get address(): { host: string; port: number } {
    if (!this.boundAddress) throw new Error('server is not listening');
    return { host: this.boundAddress.address, port: this.boundAddress.port };
  }

  async listen(): Promise<{ host: string; port: number }> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.boundAddress = server.address() as AddressInfo;
    server.on('error', (error) => this.logger.error({ err: error.message }, 'server error'));
    return this.address;
  }

  private accept(socket: Socket): void {
    const connection = new RemotingConnection(socket, {
      handlers: this.handlers,
      logger: this.logger,
      maxFrameBytes: this.options.maxFrameBytes ?? Limits.maxFrameBytes,
      maxInFlightRequests: this.options.maxInFlightRequestsPerConnection ?? Limits.maxInFlightRequestsPerConnection,
      maxPendingWriteBytes: this.options.maxPendingWriteBytesPerConnection ?? Limits.maxPendingWriteBytesPerConnection,
      idleTimeoutMs: this.options.idleTimeoutMs ?? Limits.connectionIdleTimeoutMs,
    });
    this.liveConnections.add(connection);
    connection.onClose((closed) => {
      this.liveConnections.delete(closed);
      for (const listener of this.disconnectionListeners) listener(closed);
    });
    for (const listener of this.connectionListeners) listener(connection);
  }

  /** Graceful shutdown; resolves when every connection is closed. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    const graceMs = this.options.shutdownGraceMs ?? Limits.shutdownGraceMs;
    await Promise.all([...this.liveConnections].map((connection) => connection.drain(graceMs)));
    for (const connection of this.liveConnections) connection.close();
    await stopped;
  }
}
