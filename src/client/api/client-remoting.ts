/**
 * ClientRemoting: the client's view of the remoting transport. It builds requests (custom
 * header encoded from its codec, the client's language code), sends them with the client's
 * default timeout, and turns failure answers into MQBrokerErrors, so that each API call
 * in this folder is a few lines: build, invoke, check, decode.
 */
import { MQ_VERSION } from '../../common/constants.js';
import { RocketMQError } from '../../common/errors.js';
import type { HeaderCodec, HeaderOf, HeaderSchema } from '../../protocol/headers/header-codec.js';
import type { LanguageName } from '../../protocol/language-code.js';
import { ResponseCode } from '../../protocol/response-code.js';
import type { RemotingClient } from '../../remoting/client.js';
import { createRequest, type ExtFields, type RemotingCommand } from '../../remoting/remoting-command.js';
import { MQBrokerError } from '../errors.js';

export interface RequestParts {
  extFields?: ExtFields | null;
  body?: Buffer | null;
  /** The request's remark (END_TRANSACTION carries the local transaction's error there). */
  remark?: string | null;
  timeoutMs?: number;
}

export class ClientRemoting {
  constructor(
    readonly transport: RemotingClient,
    private readonly language: LanguageName,
    readonly defaultTimeoutMs: number,
  ) {}

  request(code: number, parts: RequestParts = {}): RemotingCommand {
    return createRequest(code, { extFields: parts.extFields ?? null, body: parts.body ?? null, remark: parts.remark ?? null, language: this.language, version: MQ_VERSION });
  }

  invoke(address: string, code: number, parts: RequestParts = {}): Promise<RemotingCommand> {
    return this.transport.invoke(address, this.request(code, parts), parts.timeoutMs ?? this.defaultTimeoutMs);
  }

  invokeOneway(address: string, code: number, parts: RequestParts = {}): Promise<void> {
    return this.transport.invokeOneway(address, this.request(code, parts));
  }
}

/** The ext fields of a typed header. */
export function headerFields<S extends HeaderSchema>(codec: HeaderCodec<S>, header: HeaderOf<S>): ExtFields {
  return codec.encode(header);
}

/** `response` when its code is one of `accepted` (SUCCESS by default); else an MQBrokerError. */
export function checkResponse(response: RemotingCommand, address: string, accepted: readonly number[] = [ResponseCode.SUCCESS]): RemotingCommand {
  if (!accepted.includes(response.code)) throw new MQBrokerError(response.code, response.remark, address);
  return response;
}

/** The typed custom header of a response. */
export function responseHeader<S extends HeaderSchema>(codec: HeaderCodec<S>, response: RemotingCommand): HeaderOf<S> {
  return codec.decode(response.extFields);
}

/** The body of a response that must have one. */
export function requireBody(response: RemotingCommand, what: string): Buffer {
  if (response.body === null || response.body.length === 0) throw new RocketMQError('BODY_MALFORMED', `${what}: the answer has no body`);
  return response.body;
}
