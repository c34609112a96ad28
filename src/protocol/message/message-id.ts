/**
 * The offset message id (Java `offsetMsgId`; `msgId` of send responses): where a record
 * lives, as upper-case hex of
 *
 *   store IP (4 or 16 bytes) | store port (int32) | commit-log offset (int64)
 *
 * 16 bytes = 32 hex chars for an IPv4 store host, 28 bytes = 56 chars for IPv6; a parser
 * tells them apart by length. Example: 7F000001000051AF000000000000033C = 127.0.0.1:20911,
 * offset 828. Parsing accepts either case (as Java does) and rejects anything else with
 * RocketMQError MESSAGE_MALFORMED; the offset must be a safe integer.
 */
import { RocketMQError } from '../../common/errors.js';
import { readSafeInt64BE, writeSafeInt64BE } from './message-record.js';
import { IPV6_SOCKET_ADDRESS_BYTES, readSocketAddress, socketAddressByteLength, writeSocketAddress, type SocketAddress } from './socket-address.js';

export const OFFSET_MESSAGE_ID_IPV4_LENGTH = 32;
export const OFFSET_MESSAGE_ID_IPV6_LENGTH = 56;

export interface OffsetMessageId {
  storeHost: SocketAddress;
  commitLogOffset: number;
}

/**
 * The id of the record at `commitLogOffset` of the broker at `storeHost`. `ipv6Slot` forces
 * the 16-byte form (for a record whose sysFlag has STOREHOST_V6 but holds an IPv4 host).
 */
export function createOffsetMessageId(storeHost: SocketAddress, commitLogOffset: number, ipv6Slot = false): string {
  if (!Number.isSafeInteger(commitLogOffset)) {
    throw new RocketMQError('MESSAGE_MALFORMED', `commit-log offset ${commitLogOffset} is not a safe integer`);
  }
  const addressBytes = ipv6Slot ? IPV6_SOCKET_ADDRESS_BYTES : socketAddressByteLength(storeHost);
  const bytes = Buffer.allocUnsafe(addressBytes + 8);
  const position = writeSocketAddress(bytes, 0, storeHost, addressBytes === IPV6_SOCKET_ADDRESS_BYTES);
  writeSafeInt64BE(bytes, commitLogOffset, position);
  return bytes.toString('hex').toUpperCase();
}

/** The store host and commit-log offset an offset message id names. */
export function parseOffsetMessageId(id: string): OffsetMessageId {
  if ((id.length !== OFFSET_MESSAGE_ID_IPV4_LENGTH && id.length !== OFFSET_MESSAGE_ID_IPV6_LENGTH) || !/^[0-9a-fA-F]*$/.test(id)) {
    throw new RocketMQError('MESSAGE_MALFORMED', `offset message id ${JSON.stringify(id)} is not 32 or 56 hex digits`);
  }
  const bytes = Buffer.from(id, 'hex');
  const ipv6 = id.length === OFFSET_MESSAGE_ID_IPV6_LENGTH;
  const storeHost = readSocketAddress(bytes, 0, ipv6);
  return { storeHost, commitLogOffset: readSafeInt64BE(bytes, bytes.length - 8, 'commit-log offset') };
}
