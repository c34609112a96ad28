/**
 * RemotingConnection: one TCP connection speaking the RocketMQ remoting protocol, in
 * both directions at once. Servers and clients both use it: each side sends requests
 * (matched to their responses by `opaque`) and serves the requests of the other side
 * from a handler table by request code.
 *
 * Invariants:
 * - Requests are dispatched as they arrive and answered as their handlers finish, in any
 *   order: a parked request (a long-polling pull) never delays the others.
 * - A oneway request (flag bit 1) is never answered; every other request is, including
 *   unknown codes (3 REQUEST_CODE_NOT_SUPPORTED) and failed handlers (the error's wire
 *   code, else 1 SYSTEM_ERROR, with the error text as remark).
 * - A response travels in the serialization of its request, with its opaque (the response
 *   object a handler returns is handed over and stamped, not copied).
 * - At most `maxInFlightRequests` requests are worked on at once; past that, requests are
 *   answered 2 SYSTEM_BUSY at once. When more than `maxPendingWriteBytes` wait to be
 *   written, reading pauses until the socket drains.
 * - Bytes that cannot be framed or decoded close this connection only, after one log line.
 * - Frames written within one task (a socket read, a timer, …) and the microtasks it sets off
 *   go to the socket in one write, made as soon as those microtasks have run (not at the
 *   next turn of the event loop: a woken pull answers sooner, and sends batch as well).
 */
import type { Socket } from 'node:net';
import { Limits } from '../common/constants.js';
import { IntKeyTable } from '../common/int-key-table.js';
import { RocketMQError, isRocketMQError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import { ResponseCode } from '../protocol/response-code.js';
import { requestCodeName } from '../protocol/request-code.js';
import { FrameDecoder } from './frame-decoder.js';
import {
  RPC_ONEWAY,
  RPC_TYPE_RESPONSE,
  createResponse,
  decodeCommand,
  encodeCommandParts,
  isOneway,
  isResponse,
  type RemotingCommand,
} from './remoting-command.js';

/** Serves one request code. Returning null sends no answer. */
export type RequestHandler = (
  request: RemotingCommand,
  connection: RemotingConnection,
) => RemotingCommand | null | Promise<RemotingCommand | null>;

export type RequestHandlerTable = ReadonlyMap<number, RequestHandler>;

export interface ConnectionOptions {
  handlers: RequestHandlerTable;
  logger: Logger;
  maxFrameBytes?: number;
  maxInFlightRequests?: number;
  maxPendingWriteBytes?: number;
  maxOutstandingRequests?: number;
  idleTimeoutMs?: number;
}

interface OutstandingRequest {
  resolve: (response: RemotingCommand) => void;
  reject: (error: Error) => void;
  deadline: number;
  timeoutMs: number;
  code: number;
}

/** How often outstanding requests are checked for their deadline (one sweep, not a timer per request). */
const TIMEOUT_SWEEP_INTERVAL_MS = 50;

const MAX_OPAQUE = 0x7fffffff;
/** Above this, batched frames are handed to the socket one by one instead of joined. */
const JOIN_WRITES_BELOW_BYTES = 1024 * 1024;
/** Queued bytes that are written at once rather than at the end of the event-loop turn, so the peer can start sooner. */
const EAGER_FLUSH_BYTES = 16 * 1024;

let nextConnectionId = 1;

export class RemotingConnection {
  readonly id = nextConnectionId++;
  /** `ip:port` of the peer, as RocketMQ prints channel addresses. */
  readonly remoteAddress: string;
  readonly localAddress: string;

  private readonly socket: Socket;
  private readonly handlers: RequestHandlerTable;
  private readonly logger: Logger;
  private readonly decoder: FrameDecoder;
  private readonly maxFrameBytes: number;
  private readonly maxInFlightRequests: number;
  private readonly maxPendingWriteBytes: number;
  private readonly maxOutstandingRequests: number;

  /** Requests sent, by opaque (IntKeyTable: this churns with every request). */
  private readonly outstanding = new IntKeyTable<OutstandingRequest>();
  private timeoutSweep: NodeJS.Timeout | null = null;
  /** Requests being served, by a number of this connection's (IntKeyTable, as above). */
  private readonly inFlight = new IntKeyTable<RemotingCommand>();
  private nextServed = 0;
  private nextOpaque = 1;
  private writeQueue: Buffer[] = [];
  private writeQueueBytes = 0;
  private flushScheduled = false;
  private readPausedForWrites = false;
  private draining = false;
  private isClosed = false;
  private readonly closeListeners: ((connection: RemotingConnection) => void)[] = [];

  constructor(socket: Socket, options: ConnectionOptions) {
    this.socket = socket;
    this.handlers = options.handlers;
    this.maxFrameBytes = options.maxFrameBytes ?? Limits.maxFrameBytes;
    this.maxInFlightRequests = options.maxInFlightRequests ?? Limits.maxInFlightRequestsPerConnection;
    this.maxPendingWriteBytes = options.maxPendingWriteBytes ?? Limits.maxPendingWriteBytesPerConnection;
    this.maxOutstandingRequests = options.maxOutstandingRequests ?? Limits.maxClientInFlightRequests;
    this.decoder = new FrameDecoder(this.maxFrameBytes);
    this.remoteAddress = formatAddress(socket.remoteAddress, socket.remotePort);
    this.localAddress = formatAddress(socket.localAddress, socket.localPort);
    this.logger = options.logger.child({ connection: this.id, remote: this.remoteAddress });

    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs ?? Limits.connectionIdleTimeoutMs);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('timeout', () => this.onIdle());
    socket.on('drain', () => this.onDrain());
    socket.on('error', (error) => this.logger.debug({ err: error.message }, 'socket error'));
    socket.on('close', () => this.onSocketClosed());
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Requests of the peer being worked on now. */
  get inFlightRequestCount(): number {
    return this.inFlight.size;
  }

  /** Requests sent to the peer and not yet answered. */
  get outstandingRequestCount(): number {
    return this.outstanding.size;
  }

  onClose(listener: (connection: RemotingConnection) => void): void {
    if (this.isClosed) queueMicrotask(() => listener(this));
    else this.closeListeners.push(listener);
  }

  private onIdle(): void {
    this.logger.info(`closing connection idle for the idle timeout`);
    this.close();
  }

  /** Sends a request (assigning its opaque and flag) and resolves with its response, or rejects after `timeoutMs`. */
  invoke(request: RemotingCommand, timeoutMs: number = Limits.defaultRequestTimeoutMs): Promise<RemotingCommand> {
    if (this.isClosed) return Promise.reject(this.closedError(request.code));
    if (this.outstanding.size >= this.maxOutstandingRequests) {
      return Promise.reject(
        new RocketMQError(
          'TOO_MANY_REQUESTS',
          `${this.outstanding.size} requests already outstanding to ${this.remoteAddress} (limit ${this.maxOutstandingRequests})`,
        ),
      );
    }
    const opaque = this.allocateOpaque();
    request.opaque = opaque;
    request.flag &= ~(RPC_TYPE_RESPONSE | RPC_ONEWAY);
    let parts: Buffer[];
    try {
      parts = encodeCommandParts(request, this.maxFrameBytes);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return new Promise<RemotingCommand>((resolve, reject) => {
      this.outstanding.set(opaque, { resolve, reject, deadline: Date.now() + timeoutMs, timeoutMs, code: request.code });
      this.timeoutSweep ??= setInterval(() => this.sweepTimeouts(), TIMEOUT_SWEEP_INTERVAL_MS).unref();
      this.enqueueWrite(parts);
    });
  }

  private sweepTimeouts(): void {
    const now = Date.now();
    for (const [opaque, pending] of this.outstanding.entries()) {
      if (pending.deadline > now) continue;
      this.outstanding.delete(opaque);
      pending.reject(
        new RocketMQError(
          'REQUEST_TIMEOUT',
          `${requestCodeName(pending.code)} to ${this.remoteAddress} got no answer within ${pending.timeoutMs} ms`,
        ),
      );
    }
    if (this.outstanding.size === 0) this.stopTimeoutSweep();
  }

  private stopTimeoutSweep(): void {
    if (this.timeoutSweep) clearInterval(this.timeoutSweep);
    this.timeoutSweep = null;
  }

  /** Sends a oneway request (assigning its opaque and setting the oneway flag): no answer is expected. */
  invokeOneway(request: RemotingCommand): void {
    if (this.isClosed) throw this.closedError(request.code);
    request.opaque = this.allocateOpaque();
    request.flag = (request.flag | RPC_ONEWAY) & ~RPC_TYPE_RESPONSE;
    this.enqueueWrite(encodeCommandParts(request, this.maxFrameBytes));
  }

  /** Stops taking new requests (they are answered SYSTEM_BUSY) and waits up to `graceMs` for the in-flight ones. */
  async drain(graceMs: number): Promise<void> {
    this.draining = true;
    const deadline = Date.now() + graceMs;
    while (this.inFlight.size > 0 && Date.now() < deadline && !this.isClosed) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(20, Math.max(1, deadline - Date.now()))));
    }
    for (const [, request] of this.inFlight.entries()) {
      this.respond(request, createResponse(request, ResponseCode.SYSTEM_BUSY, { remark: 'server is shutting down' }));
    }
    this.inFlight.clear();
  }

  /** Writes what is queued, then closes the socket. Outstanding requests fail with CONNECTION_CLOSED. */
  close(): void {
    if (this.isClosed) return;
    this.flush();
    this.socket.end();
    this.socket.destroySoon();
    this.markClosed();
  }

  /** Closes at once without writing what is queued. */
  destroy(): void {
    this.socket.destroy();
    this.markClosed();
  }

  private allocateOpaque(): number {
    const opaque = this.nextOpaque;
    this.nextOpaque = opaque >= MAX_OPAQUE ? 1 : opaque + 1;
    return opaque;
  }

  private closedError(code: number): RocketMQError {
    return new RocketMQError('CONNECTION_CLOSED', `connection to ${this.remoteAddress} is closed (${requestCodeName(code)})`);
  }

  // --- reading -------------------------------------------------------------------------

  private onData(chunk: Buffer): void {
    let frames: Buffer[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.closeForBadInput(error);
      return;
    }
    for (const frame of frames) {
      if (this.isClosed) return;
      let command: RemotingCommand;
      try {
        command = decodeCommand(frame);
      } catch (error) {
        this.closeForBadInput(error);
        return;
      }
      if (isResponse(command)) this.onResponse(command);
      else this.onRequest(command);
    }
  }

  private closeForBadInput(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.logger.warn({ err: message }, `closing connection from ${this.remoteAddress}: ${message}`);
    this.destroy();
  }

  private onResponse(response: RemotingCommand): void {
    const pending = this.outstanding.delete(response.opaque);
    if (!pending) {
      this.logger.debug({ opaque: response.opaque, code: response.code }, 'response for no outstanding request (timed out?)');
      return;
    }
    pending.resolve(response);
  }

  private onRequest(request: RemotingCommand): void {
    const oneway = isOneway(request);
    if (this.draining) {
      if (!oneway) this.respond(request, createResponse(request, ResponseCode.SYSTEM_BUSY, { remark: 'server is shutting down' }));
      return;
    }
    const handler = this.handlers.get(request.code);
    if (!handler) {
      this.logger.warn({ code: request.code, remote: this.remoteAddress }, `request type ${request.code} from ${this.remoteAddress} not supported`);
      if (!oneway) {
        this.respond(
          request,
          createResponse(request, ResponseCode.REQUEST_CODE_NOT_SUPPORTED, { remark: ` request type ${request.code} not supported` }),
        );
      }
      return;
    }
    if (this.inFlight.size >= this.maxInFlightRequests) {
      if (!oneway) {
        this.respond(
          request,
          createResponse(request, ResponseCode.SYSTEM_BUSY, {
            remark: `[OVERLOAD]system busy, ${this.inFlight.size} requests in flight on this connection, try again later`,
          }),
        );
      }
      return;
    }
    const served = this.nextServed;
    this.nextServed = (served + 1) | 0;
    this.inFlight.set(served, request);
    let result: RemotingCommand | null | Promise<RemotingCommand | null>;
    try {
      result = handler(request, this);
    } catch (error) {
      this.finishRequest(served, request, this.errorResponse(request, error));
      return;
    }
    if (result instanceof Promise) {
      result.then(
        (response) => this.finishRequest(served, request, response),
        (error: unknown) => this.finishRequest(served, request, this.errorResponse(request, error)),
      );
    } else {
      this.finishRequest(served, request, result);
    }
  }

  private finishRequest(served: number, request: RemotingCommand, response: RemotingCommand | null): void {
    if (this.inFlight.delete(served) === undefined) return; // already answered by drain()
    if (response === null || isOneway(request)) return;
    this.respond(request, response);
  }

  private errorResponse(request: RemotingCommand, error: unknown): RemotingCommand {
    const message = error instanceof Error ? error.message : String(error);
    const code = isRocketMQError(error) && error.wireCode !== null ? error.wireCode : ResponseCode.SYSTEM_ERROR;
    if (!isRocketMQError(error) || error.code === 'INTERNAL') {
      this.logger.error({ err: error, code: request.code }, `${requestCodeName(request.code)} failed: ${message}`);
    } else {
      this.logger.debug({ code: request.code, err: message }, 'request refused');
    }
    return createResponse(request, code, { remark: message });
  }

  private respond(request: RemotingCommand, response: RemotingCommand): void {
    if (this.isClosed) return;
    response.opaque = request.opaque;
    response.flag |= RPC_TYPE_RESPONSE;
    response.serializeType = request.serializeType;
    let parts: Buffer[];
    try {
      parts = encodeCommandParts(response, this.maxFrameBytes);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      parts = encodeCommandParts(createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `response not sent: ${message}` }));
    }
    this.enqueueWrite(parts);
  }

  // --- writing -------------------------------------------------------------------------

  private enqueueWrite(parts: Buffer[]): void {
    for (const part of parts) {
      this.writeQueue.push(part);
      this.writeQueueBytes += part.length;
    }
    if (this.writeQueueBytes >= EAGER_FLUSH_BYTES) {
      this.flush();
    } else if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
    if (!this.readPausedForWrites && this.pendingWriteBytes() > this.maxPendingWriteBytes) {
      this.readPausedForWrites = true;
      this.socket.pause();
    }
  }

  private pendingWriteBytes(): number {
    return this.writeQueueBytes + this.socket.writableLength;
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.writeQueue.length === 0 || this.socket.destroyed) return;
    const queue = this.writeQueue;
    const bytes = this.writeQueueBytes;
    this.writeQueue = [];
    this.writeQueueBytes = 0;
    if (queue.length === 1) {
      this.socket.write(queue[0] as Buffer);
    } else if (bytes < JOIN_WRITES_BELOW_BYTES) {
      this.socket.write(Buffer.concat(queue, bytes));
    } else {
      this.socket.cork();
      for (const part of queue) this.socket.write(part);
      this.socket.uncork();
    }
  }

  private onDrain(): void {
    if (this.readPausedForWrites && this.pendingWriteBytes() <= this.maxPendingWriteBytes / 2) {
      this.readPausedForWrites = false;
      this.socket.resume();
    }
  }

  // --- closing -------------------------------------------------------------------------

  private onSocketClosed(): void {
    this.markClosed();
  }

  private markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.stopTimeoutSweep();
    const pending = this.outstanding.entries();
    this.outstanding.clear();
    for (const [, request] of pending) request.reject(this.closedError(request.code));
    this.inFlight.clear();
    this.writeQueue = [];
    this.writeQueueBytes = 0;
    for (const listener of this.closeListeners.splice(0)) listener(this);
  }
}

/** `ip:port`, with IPv4-mapped IPv6 addresses shown as plain IPv4. */
export function formatAddress(host: string | undefined, port: number | undefined): string {
  const ip = host?.startsWith('::ffff:') ? host.slice(7) : (host ?? 'unknown');
  return `${ip}:${port ?? 0}`;
}
