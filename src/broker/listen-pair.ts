/**
 * The broker's two listening sockets: the main port (listenPort) and the VIP channel at
 * listenPort - 2 (RocketMQ's fast remoting server, which old Java clients send to). With
 * listenPort 0 a free main port is picked whose VIP twin is also free, trying again with
 * another port when it is not.
 */
import { RocketMQError } from '../common/errors.js';
import type { RemotingServer } from '../remoting/server.js';

/** Offset of the VIP port below the main port. */
export const VIP_PORT_OFFSET = 2;

const MAX_ATTEMPTS = 50;

export interface ServerPair {
  main: RemotingServer;
  vip: RemotingServer;
}

/** Listens on `port` and `port - 2` (any free pair when `port` is 0); `create` makes an unstarted server for a port. */
export async function listenPair(port: number, create: (port: number, vip: boolean) => RemotingServer): Promise<ServerPair> {
  if (port !== 0) return listenBoth(create(port, false), (mainPort) => create(mainPort - VIP_PORT_OFFSET, true));
  let lastError: unknown = null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      return await listenBoth(create(0, false), (mainPort) => create(mainPort - VIP_PORT_OFFSET, true));
    } catch (error) {
      lastError = error;
    }
  }
  throw new RocketMQError('INTERNAL', `no free port pair (port, port - 2) found in ${MAX_ATTEMPTS} attempts: ${String(lastError)}`);
}

async function listenBoth(main: RemotingServer, createVip: (mainPort: number) => RemotingServer): Promise<ServerPair> {
  const { port } = await main.listen();
  if (port - VIP_PORT_OFFSET < 1) {
    await main.close();
    throw new RocketMQError('INTERNAL', `port ${port} leaves no room for the VIP port`);
  }
  const vip = createVip(port);
  try {
    await vip.listen();
  } catch (error) {
    await main.close();
    await vip.close().catch(() => undefined);
    throw error;
  }
  return { main, vip };
}
