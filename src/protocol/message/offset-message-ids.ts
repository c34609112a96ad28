/**
 * Offset message ids, exactly as createOffsetMessageId (message-id.ts) makes them: upper-case
 * hex of store IP | port | commit-log offset. The host part is the same for every record of
 * one store host (the records a store appends, the records of one pull), so it is encoded
 * once per host and only the 16 hex digits of the offset are made per record.
 * Memory: the last host seen (and whether it took the 16-byte slot) and its hex.
 */
import { createOffsetMessageId } from './message-id.js';
import type { SocketAddress } from './socket-address.js';

const TWO_POW_32 = 0x1_0000_0000;
const OFFSET_HEX_DIGITS = 16;

export class OffsetMessageIds {
  private host: string | null = null;
  private port = -1;
  private ipv6Slot = false;
  private prefix = '';

  /**
   * The offset message id of the record at `commitLogOffset` stored by `storeHost`;
   * `ipv6Slot` as for createOffsetMessageId (a record whose sysFlag has STOREHOST_V6).
   */
  of(storeHost: SocketAddress, commitLogOffset: number, ipv6Slot = false): string {
    if (!Number.isSafeInteger(commitLogOffset) || commitLogOffset < 0) return createOffsetMessageId(storeHost, commitLogOffset, ipv6Slot);
    if (storeHost.host !== this.host || storeHost.port !== this.port || ipv6Slot !== this.ipv6Slot) {
      this.prefix = createOffsetMessageId(storeHost, 0, ipv6Slot).slice(0, -OFFSET_HEX_DIGITS);
      this.host = storeHost.host;
      this.port = storeHost.port;
      this.ipv6Slot = ipv6Slot;
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
