/**
 * What the client registries (consumer and producer managers) keep about one client
 * connection — Java's ClientChannelInfo — and the bounds and refusals they share.
 *
 * The registries are pure logic: a connection is anything with a numeric `id` and a
 * `remoteAddress` (RemotingConnection in the broker, plain objects in tests); time comes
 * from an injected clock. A connection is known by its id, so one socket is one channel whatever
 * clientId it announces.
 */
import { ResponseCode } from '../../protocol/response-code.js';

/** The part of a connection the registries need. */
export interface ChannelRef {
  readonly id: number;
  readonly remoteAddress: string;
  /** True once the connection is closed (RemotingConnection has it); absent means open. */
  readonly closed?: boolean;
}

/** Who sent a heartbeat: the connection and what the request said about the client. */
export interface ClientIdentity<C extends ChannelRef> {
  connection: C;
  clientId: string;
  /** The request's `language` (JAVA, CPP, …). */
  language: string;
  /** The request's `version` (MQVersion ordinal). */
  version: number;
}

export interface ClientChannelInfo<C extends ChannelRef> extends ClientIdentity<C> {
  /** When the client last sent a heartbeat on this connection. */
  lastUpdateTimestamp: number;
}

/** A channel silent this long is dropped (Java CHANNEL_EXPIRED_TIMEOUT). */
export const CHANNEL_EXPIRED_TIMEOUT_MS = 120_000;

/** The broker scans for expired channels this often (Java ClientHousekeepingService). */
export const CHANNEL_SCAN_INTERVAL_MS = 10_000;

/** True when the channel has been silent for more than the expiry time. */
export function isChannelExpired(info: { lastUpdateTimestamp: number }, now: number, expiryMs = CHANNEL_EXPIRED_TIMEOUT_MS): boolean {
  return now - info.lastUpdateTimestamp > expiryMs;
}

/** A registration the registry refused because a bound was reached; the handler answers with it. */
export interface RegistryRefusal {
  ok: false;
  /** Which bound (maxGroups, maxChannels, …). */
  limit: string;
  /** SYSTEM_BUSY: the client may try again later (its next heartbeat does). */
  responseCode: number;
  remark: string;
}

export function registryRefusal(limit: string, remark: string): RegistryRefusal {
  return { ok: false, limit, responseCode: ResponseCode.SYSTEM_BUSY, remark };
}
