/**
 * A TCP relay in front of a broker, to make a real broker misbehave without touching it:
 * the broker advertises the relay's address (brokerIP1), so clients only ever reach it
 * through the relay, which forwards to the broker's real socket.
 *
 * - `delayMs`: what the broker answers reaches the client that much later (in order).
 * - `dropRequests`: while set, a connection that sends anything is cut before a byte
 *   reaches the broker (the broker "dies mid-send" from the client's point of view, having
 *   stored nothing); each such cut is counted in `dropped`.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class TcpRelay {
  delayMs = 0;
  dropRequests = false;
  dropped = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {
    this.server = createServer((client) => this.relay(client));
  }

  listen(host: string, port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
  }

  private relay(client: Socket): void {
    const upstream = connect(this.upstreamPort, this.upstreamHost);
    this.sockets.add(client).add(upstream);
    client.on('data', (chunk) => {
      if (this.dropRequests) {
        this.dropped++;
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      const answer = (): void => void (client.destroyed || client.write(chunk));
      if (this.delayMs > 0) setTimeout(answer, this.delayMs);
      else answer();
    });
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
