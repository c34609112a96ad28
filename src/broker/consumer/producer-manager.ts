/**
 * ProducerManager: the broker's registry of producer groups (Java ProducerManager),
 * filled by heartbeats (34) and emptied by UNREGISTER_CLIENT (35), closed connections and
 * the expiry scan.
 *
 *   groups            group → connection id → ClientChannelInfo
 *   groupsByChannel   connection id → producer groups it is in
 *   byClientId        clientId → connection (reply messages find the requester with it)
 *
 * `availableConnection(group)` picks a live connection of a group in turn (transaction
 * checks go to one producer of the half message's group). Unlike Java, a clientId stays
 * findable while its connection is in any producer group, not only until it leaves one.
 *
 * Heartbeat times come from the injected clock (`now`); `scanExpired(now)` drops channels
 * silent for more than 120 s.
 *
 * Bounds: at most `maxGroups` groups and `maxChannels` channel entries; past them a
 * registration is refused (RegistryRefusal, SYSTEM_BUSY).
 */
import {
  CHANNEL_EXPIRED_TIMEOUT_MS,
  isChannelExpired,
  registryRefusal,
  type ChannelRef,
  type ClientChannelInfo,
  type ClientIdentity,
  type RegistryRefusal,
} from './client-channel.js';

export interface ProducerManagerOptions {
  /** The clock of heartbeat times. */
  now?: () => number;
  maxGroups?: number;
  maxChannels?: number;
  channelExpiryMs?: number;
}

export const PRODUCER_MANAGER_DEFAULTS = {
  maxGroups: 20_000,
  maxChannels: 200_000,
} as const;

export type RegisterProducerOutcome = { ok: true; added: boolean } | RegistryRefusal;

export class ProducerManager<C extends ChannelRef> {
  private readonly groups = new Map<string, Map<number, ClientChannelInfo<C>>>();
  private readonly groupsByChannel = new Map<number, Set<string>>();
  private readonly byClientId = new Map<string, C>();
  private readonly maxGroups: number;
  private readonly maxChannels: number;
  private readonly channelExpiryMs: number;
  private readonly now: () => number;
  private channelCount = 0;
  private turn = 0;

  constructor(options: ProducerManagerOptions = {}) {
    this.maxGroups = options.maxGroups ?? PRODUCER_MANAGER_DEFAULTS.maxGroups;
    this.maxChannels = options.maxChannels ?? PRODUCER_MANAGER_DEFAULTS.maxChannels;
    this.channelExpiryMs = options.channelExpiryMs ?? CHANNEL_EXPIRED_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  /** Registers (or refreshes) `client` in a producer group. */
  registerProducer(group: string, client: ClientIdentity<C>): RegisterProducerOutcome {
    const now = this.now();
    const channels = this.groups.get(group);
    const known = channels?.get(client.connection.id);
    if (known) {
      known.lastUpdateTimestamp = now;
      return { ok: true, added: false };
    }
    if (!channels && this.groups.size >= this.maxGroups) {
      return registryRefusal('maxGroups', `this broker already tracks ${this.groups.size} producer groups (maxGroups); ${group} is refused`);
    }
    if (this.channelCount >= this.maxChannels) {
      return registryRefusal('maxChannels', `this broker already tracks ${this.channelCount} producer channels (maxChannels); ${client.clientId} in ${group} is refused`);
    }
    this.add(group, channels, { ...client, lastUpdateTimestamp: now });
    return { ok: true, added: true };
  }

  private add(group: string, existing: Map<number, ClientChannelInfo<C>> | undefined, info: ClientChannelInfo<C>): void {
    let channels = existing;
    if (!channels) {
      channels = new Map();
      this.groups.set(group, channels);
    }
    channels.set(info.connection.id, info);
    let groups = this.groupsByChannel.get(info.connection.id);
    if (!groups) {
      groups = new Set();
      this.groupsByChannel.set(info.connection.id, groups);
    }
    groups.add(group);
    this.byClientId.set(info.clientId, info.connection);
    this.channelCount++;
  }

  /** UNREGISTER_CLIENT for a producer group. */
  unregisterProducer(group: string, connection: ChannelRef): boolean {
    return this.remove(group, connection.id) !== undefined;
  }

  /** A connection closed: it leaves every producer group. */
  connectionClosed(connection: ChannelRef): string[] {
    const groups = [...(this.groupsByChannel.get(connection.id) ?? [])];
    for (const group of groups) this.remove(group, connection.id);
    return groups;
  }

  /** Removes channels silent for more than 120 s; the broker closes their connections. */
  scanExpired(now: number = this.now()): { group: string; info: ClientChannelInfo<C> }[] {
    const expired: { group: string; info: ClientChannelInfo<C> }[] = [];
    for (const [group, channels] of [...this.groups]) {
      for (const info of [...channels.values()]) {
        if (!isChannelExpired(info, now, this.channelExpiryMs)) continue;
        this.remove(group, info.connection.id);
        expired.push({ group, info });
      }
    }
    return expired;
  }

  private remove(group: string, connectionId: number): ClientChannelInfo<C> | undefined {
    const channels = this.groups.get(group);
    const info = channels?.get(connectionId);
    if (!channels || !info) return undefined;
    channels.delete(connectionId);
    if (channels.size === 0) this.groups.delete(group);
    this.channelCount--;
    const groups = this.groupsByChannel.get(connectionId);
    groups?.delete(group);
    if (groups?.size === 0) {
      this.groupsByChannel.delete(connectionId);
      if (this.byClientId.get(info.clientId) === info.connection) this.byClientId.delete(info.clientId);
    }
    return info;
  }

  /** A live connection of the group, taken in turn; undefined when the group has none. */
  availableConnection(group: string): C | undefined {
    const channels = this.groups.get(group);
    if (!channels || channels.size === 0) return undefined;
    const connections = [...channels.values()].map((info) => info.connection);
    this.turn = (this.turn + 1) % 0x7fffffff;
    for (let i = 0; i < connections.length; i++) {
      const connection = connections[(this.turn + i) % connections.length] as C;
      if (connection.closed !== true) return connection;
    }
    return undefined;
  }

  /** The connection of a producer client (reply messages). */
  findConnection(clientId: string): C | undefined {
    return this.byClientId.get(clientId);
  }

  /** GET_PRODUCER_CONNECTION_LIST (204): the channels of a group. */
  channelsOf(group: string): Readonly<ClientChannelInfo<C>>[] {
    return [...(this.groups.get(group)?.values() ?? [])];
  }

  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  get groupCount(): number {
    return this.groups.size;
  }

  get channelEntryCount(): number {
    return this.channelCount;
  }
}
