/**
 * A TCP relay that delays what a server answers by `delayMs` (in order), to make a real
 * broker slow without touching it: the broker advertises the relay's address (brokerIP1)
 * and the relay forwards to the broker's real socket.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export class SlowProxy {
  delayMs: number;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
    delayMs: number,
  ) {
    this.delayMs = delayMs;
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
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      setTimeout(() => {
        if (!client.destroyed) client.write(chunk);
      }, this.delayMs);
    });
    const close = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
