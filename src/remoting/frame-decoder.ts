/**
 * Splits a byte stream into RocketMQ frames.
 *
 * Wire layout of one frame (all big-endian):
 *
 *   offset 0  int32  length   = bytes that follow (header-length word + header + body)
 *   offset 4  int32  (serializeType << 24) | headerLength
 *   offset 8  header bytes, then body bytes
 *
 * `push` takes chunks of any size and returns every frame they complete, each as the
 * bytes after the length prefix. Invariants: a frame whose prefix plus length exceeds
 * `maxFrameBytes` (16 MiB, as Netty's `LengthFieldBasedFrameDecoder` in RocketMQ) or whose
 * length cannot hold the header-length word raises a ProtocolError and the decoder must be
 * discarded with its connection. Partial data is kept as a list of chunks and joined once,
 * so a large frame arriving in small pieces costs one copy.
 */
import { Limits } from '../common/constants.js';
import { RocketMQError } from '../common/errors.js';

const LENGTH_PREFIX_BYTES = 4;
const HEADER_LENGTH_WORD_BYTES = 4;

export class FrameDecoder {
  private readonly maxFrameBytes: number;
  private pendingChunks: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes needed (prefix included) before the pending frame is complete; 0 when unknown. */
  private neededBytes = 0;

  constructor(maxFrameBytes: number = Limits.maxFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  /** Bytes received but not yet returned as frames. */
  get bufferedBytes(): number {
    return this.pendingBytes;
  }

  push(chunk: Buffer): Buffer[] {
    if (chunk.length === 0) return [];
    let data: Buffer;
    if (this.pendingBytes === 0) {
      data = chunk;
    } else {
      this.pendingChunks.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes < Math.max(this.neededBytes, LENGTH_PREFIX_BYTES)) return [];
      data = Buffer.concat(this.pendingChunks, this.pendingBytes);
      this.pendingChunks = [];
      this.pendingBytes = 0;
    }
    return this.extract(data);
  }

  private extract(data: Buffer): Buffer[] {
    const frames: Buffer[] = [];
    let offset = 0;
    while (data.length - offset >= LENGTH_PREFIX_BYTES) {
      const length = data.readInt32BE(offset);
      this.checkLength(length);
      const frameEnd = offset + LENGTH_PREFIX_BYTES + length;
      if (frameEnd > data.length) {
        this.neededBytes = LENGTH_PREFIX_BYTES + length;
        break;
      }
      frames.push(data.subarray(offset + LENGTH_PREFIX_BYTES, frameEnd));
      offset = frameEnd;
      this.neededBytes = 0;
    }
    if (offset < data.length) {
      this.pendingChunks = [data.subarray(offset)];
      this.pendingBytes = data.length - offset;
      if (this.pendingBytes < LENGTH_PREFIX_BYTES) this.neededBytes = 0;
    }
    return frames;
  }

  private checkLength(length: number): void {
    if (length < HEADER_LENGTH_WORD_BYTES) {
      throw new RocketMQError(
        'FRAME_MALFORMED',
        `frame length ${length} is too small to hold a header-length word (at least ${HEADER_LENGTH_WORD_BYTES})`,
      );
    }
    if (length + LENGTH_PREFIX_BYTES > this.maxFrameBytes) {
      throw new RocketMQError(
        'FRAME_TOO_LARGE',
        `frame of ${length + LENGTH_PREFIX_BYTES} bytes exceeds the limit of ${this.maxFrameBytes} bytes`,
      );
    }
  }
}
