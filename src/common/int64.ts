/**
 * Big-endian int64 fields (RocketMQ's Java longs: offsets, timestamps) as JS numbers,
 * without BigInt: two int32 halves. Values must be safe integers (|v| < 2^53), which every
 * offset and millisecond timestamp is; readers of stored data that may hold larger values
 * check them first.
 */
const TWO_POW_32 = 0x1_0000_0000;

export function writeInt64(buffer: Buffer, value: number, at: number): void {
  const high = Math.floor(value / TWO_POW_32);
  buffer.writeInt32BE(high | 0, at);
  buffer.writeUInt32BE(value - high * TWO_POW_32, at + 4);
}

export function readInt64(buffer: Buffer, at: number): number {
  return buffer.readInt32BE(at) * TWO_POW_32 + buffer.readUInt32BE(at + 4);
}
