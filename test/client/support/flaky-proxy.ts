/**
 * A TCP relay in front of a broker that can lose requests on the way: while `dropRequests`
 * is set, a connection that sends anything is cut before a byte reaches the broker (the
 * broker "dies mid-send" from the client's point of view, having stored nothing). The
 * broker advertises the relay's address (brokerIP1) so that clients only ever reach it
 * through the relay.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class FlakyProxy {
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
      if (!client.destroyed) client.write(chunk);
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
