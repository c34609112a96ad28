/**
 * ProducerManager: which producer groups are connected, from their heartbeats (RocketMQ
 * ProducerManager): group → client id → the connection it heartbeats on. A client leaves
 * a group on UNREGISTER_CLIENT, when its connection closes, or after 120 s without a
 * heartbeat (`scanNotActive`, run every 10 s by the broker).
 */
import type { LanguageName } from '../../protocol/language-code.js';

/** A channel silent this long is dropped (Java channelExpiredTimeout). */
export const CLIENT_CHANNEL_EXPIRED_MS = 120_000;

export interface ClientChannel {
  clientId: string;
  connectionId: number;
  remoteAddress: string;
  language: LanguageName;
  version: number;
  lastUpdateTimestamp: number;
}

export class ProducerManager {
  private readonly groups = new Map<string, Map<string, ClientChannel>>();

  constructor(private readonly now: () => number = Date.now) {}

  register(group: string, channel: Omit<ClientChannel, 'lastUpdateTimestamp'>): void {
    let clients = this.groups.get(group);
    if (!clients) {
      clients = new Map();
      this.groups.set(group, clients);
    }
    clients.set(channel.clientId, { ...channel, lastUpdateTimestamp: this.now() });
  }

  unregister(group: string, clientId: string): void {
    const clients = this.groups.get(group);
    if (!clients) return;
    clients.delete(clientId);
    if (clients.size === 0) this.groups.delete(group);
  }

  /** Drops every channel of a closed connection. */
  onConnectionClosed(connectionId: number): void {
    this.removeWhere((channel) => channel.connectionId === connectionId);
  }

  /** Drops channels silent for 120 s; returns how many. */
  scanNotActive(): number {
    const deadline = this.now() - CLIENT_CHANNEL_EXPIRED_MS;
    return this.removeWhere((channel) => channel.lastUpdateTimestamp < deadline);
  }

  channels(group: string): ClientChannel[] {
    return [...(this.groups.get(group)?.values() ?? [])];
  }

  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  private removeWhere(predicate: (channel: ClientChannel) => boolean): number {
    let removed = 0;
    for (const [group, clients] of this.groups) {
      for (const [clientId, channel] of clients) {
        if (predicate(channel)) {
          clients.delete(clientId);
          removed++;
        }
      }
      if (clients.size === 0) this.groups.delete(group);
    }
    return removed;
  }
}
