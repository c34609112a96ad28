/** Sends raw frames over a RawPeer and waits for the answer with the same opaque. */
import { decodeCommand, isResponse, type RemotingCommand } from '../../../src/remoting/remoting-command.js';
import type { RawPeer } from '../../support/raw-socket.js';

/** Writes one frame (length prefix included); for a request that expects one, resolves with its answer. */
export async function exchange(peer: RawPeer, frame: Buffer): Promise<RemotingCommand | null> {
  const request = decodeCommand(frame.subarray(4));
  peer.write(frame);
  if ((request.flag & 2) !== 0) return null;
  const match = (command: RemotingCommand): boolean => isResponse(command) && command.opaque === request.opaque;
  await peer.until(() => peer.received.some(match));
  const index = peer.received.findIndex(match);
  return peer.received.splice(index, 1)[0] ?? null;
}
