/**
 * Offset message ids for the records a store appends, exactly as createOffsetMessageId
 * (protocol/message/message-id.ts) makes them: upper-case hex of store IP | port |
 * commit-log offset. The host part is the same for every record of one store host, so it
 * is encoded once per host and only the 16 hex digits of the offset are made per record.
 * Memory: the last host seen and its hex.
 */
import { createOffsetMessageId } from '../protocol/message/message-id.js';
import type { SocketAddress } from '../protocol/message/socket-address.js';

const TWO_POW_32 = 0x1_0000_0000;
const OFFSET_HEX_DIGITS = 16;

export class OffsetMessageIds {
  private host: string | null = null;
  private port = -1;
  private prefix = '';

  /** The offset message id of the record at `commitLogOffset` stored by `storeHost`. */
  of(storeHost: SocketAddress, commitLogOffset: number): string {
    if (!Number.isSafeInteger(commitLogOffset) || commitLogOffset < 0) return createOffsetMessageId(storeHost, commitLogOffset);
    if (storeHost.host !== this.host || storeHost.port !== this.port) {
      this.prefix = createOffsetMessageId(storeHost, 0).slice(0, -OFFSET_HEX_DIGITS);
      this.host = storeHost.host;
      this.port = storeHost.port;
    }
    const high = Math.floor(commitLogOffset / TWO_POW_32);
    const low = commitLogOffset - high * TWO_POW_32;
    return this.prefix + hex8(high) + hex8(low);
  }
}

/** Upper-case hex of every byte value. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).toUpperCase().padStart(2, '0'));

/** Eight upper-case hex digits of an unsigned 32-bit value. */
function hex8(value: number): string {
  return (
    (HEX[value >>> 24] as string) +
    (HEX[(value >>> 16) & 0xff] as string) +
    (HEX[(value >>> 8) & 0xff] as string) +
    (HEX[value & 0xff] as string)
  );
}
