/**
 * ConsumerManager: the broker's registry of consumer groups (Java ConsumerManager),
 * filled by heartbeats (34) and emptied by UNREGISTER_CLIENT (35), closed connections and
 * the expiry scan.
 *
 *   groups            group → ConsumerGroupInfo (channels, subscriptions, consume settings)
 *   groupsByChannel   connection id → groups it is a member of (so a close touches only those)
 *
 * Change notification: `listener.idsChanged(group, connections)` is called with the
 * group's members after the change when
 *   - a heartbeat adds a channel or changes the set of subscribed topics (unless the
 *     caller passes notify=false: the group's notifyConsumerIdsChangedEnable),
 *   - UNREGISTER_CLIENT removes a channel (same flag),
 *   - a connection closes or is found expired (always).
 * The broker answers it by sending NOTIFY_CONSUMER_IDS_CHANGED (broker-to-client.ts) to
 * each member. `groupRemoved` tells when a group lost its last channel, `registered`
 * hands over each heartbeat's subscriptions (for SQL92 filter data, later).
 *
 * Expiry: heartbeat times come from the injected clock (`now`); `scanExpired(now)` (the
 * broker calls it every 10 s) removes channels silent for more than 120 s and returns them
 * so that the broker closes their connections.
 *
 * Bounds: at most `maxGroups` groups, `maxChannels` channel entries over all groups and
 * `maxSubscriptionsPerGroup` topics per heartbeat; past them a registration is refused
 * with a RegistryRefusal (SYSTEM_BUSY) and nothing of it is kept.
 */
import type { ConsumerData } from '../../protocol/bodies/heartbeat-data.js';
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import {
  CHANNEL_EXPIRED_TIMEOUT_MS,
  isChannelExpired,
  registryRefusal,
  type ChannelRef,
  type ClientChannelInfo,
  type ClientIdentity,
  type RegistryRefusal,
} from './client-channel.js';
import { ConsumerGroupInfo, type ConsumerGroupView } from './consumer-group-info.js';

export interface ConsumerGroupListener<C extends ChannelRef> {
  idsChanged?(group: string, connections: C[]): void;
  groupRemoved?(group: string): void;
  registered?(group: string, subscriptions: readonly SubscriptionData[]): void;
}

export interface ConsumerManagerOptions<C extends ChannelRef> {
  listener?: ConsumerGroupListener<C>;
  /** The clock of heartbeat times. */
  now?: () => number;
  maxGroups?: number;
  maxChannels?: number;
  maxSubscriptionsPerGroup?: number;
  channelExpiryMs?: number;
}

export const CONSUMER_MANAGER_DEFAULTS = {
  maxGroups: 20_000,
  maxChannels: 200_000,
  maxSubscriptionsPerGroup: 10_000,
} as const;

export type RegisterConsumerOutcome = { ok: true; changed: boolean } | RegistryRefusal;

/** A channel removed by the expiry scan, and the group it was in. */
export interface ExpiredChannel<C extends ChannelRef> {
  group: string;
  info: ClientChannelInfo<C>;
}

export class ConsumerManager<C extends ChannelRef> {
  private readonly groups = new Map<string, ConsumerGroupInfo<C>>();
  private readonly groupsByChannel = new Map<number, Set<string>>();
  private readonly listener: ConsumerGroupListener<C>;
  private readonly now: () => number;
  private readonly maxGroups: number;
  private readonly maxChannels: number;
  private readonly maxSubscriptionsPerGroup: number;
  private readonly channelExpiryMs: number;
  private channelCount = 0;

  constructor(options: ConsumerManagerOptions<C> = {}) {
    this.listener = options.listener ?? {};
    this.now = options.now ?? Date.now;
    this.maxGroups = options.maxGroups ?? CONSUMER_MANAGER_DEFAULTS.maxGroups;
    this.maxChannels = options.maxChannels ?? CONSUMER_MANAGER_DEFAULTS.maxChannels;
    this.maxSubscriptionsPerGroup = options.maxSubscriptionsPerGroup ?? CONSUMER_MANAGER_DEFAULTS.maxSubscriptionsPerGroup;
    this.channelExpiryMs = options.channelExpiryMs ?? CHANNEL_EXPIRED_TIMEOUT_MS;
  }

  // --- registration ----------------------------------------------------------------------

  /** Registers one ConsumerData of a heartbeat from `client`. */
  registerConsumer(data: ConsumerData, client: ClientIdentity<C>, notify: boolean): RegisterConsumerOutcome {
    const now = this.now();
    const refusal = this.checkRoom(data, client);
    if (refusal) return refusal;
    let group = this.groups.get(data.groupName);
    if (!group) {
      group = new ConsumerGroupInfo<C>(data.groupName, data, now);
      this.groups.set(data.groupName, group);
    }
    const hadChannel = group.channels.has(client.connection.id);
    const channelAdded = group.updateChannel(client, data, now);
    if (!hadChannel) this.indexChannel(client.connection.id, data.groupName);
    const topicsChanged = group.updateSubscriptions(data.subscriptionDataSet, now);
    const changed = channelAdded || topicsChanged;
    if (changed && notify) this.listener.idsChanged?.(data.groupName, group.connections());
    this.listener.registered?.(data.groupName, data.subscriptionDataSet);
    return { ok: true, changed };
  }

  private checkRoom(data: ConsumerData, client: ClientIdentity<C>): RegistryRefusal | null {
    if (data.subscriptionDataSet.length > this.maxSubscriptionsPerGroup) {
      return registryRefusal(
        'maxSubscriptionsPerGroup',
        `consumer group ${data.groupName} subscribes to ${data.subscriptionDataSet.length} topics; this broker keeps at most ${this.maxSubscriptionsPerGroup} per group`,
      );
    }
    const group = this.groups.get(data.groupName);
    if (!group && this.groups.size >= this.maxGroups) {
      return registryRefusal('maxGroups', `this broker already tracks ${this.groups.size} consumer groups (maxGroups); ${data.groupName} is refused`);
    }
    if (!group?.channels.has(client.connection.id) && this.channelCount >= this.maxChannels) {
      return registryRefusal(
        'maxChannels',
        `this broker already tracks ${this.channelCount} consumer channels (maxChannels); ${client.clientId} in ${data.groupName} is refused`,
      );
    }
    return null;
  }

  /** UNREGISTER_CLIENT for a consumer group: the connection leaves the group. */
  unregisterConsumer(group: string, connection: C, notify: boolean): boolean {
    const info = this.groups.get(group);
    if (!info?.removeChannel(connection.id)) return false;
    this.unindexChannel(connection.id, group);
    this.dropGroupIfEmpty(info);
    if (notify) this.listener.idsChanged?.(group, info.connections());
    return true;
  }

  /** A connection closed: it leaves every group; returns the groups it left. */
  connectionClosed(connection: ChannelRef): string[] {
    const groups = [...(this.groupsByChannel.get(connection.id) ?? [])];
    for (const group of groups) {
      const info = this.groups.get(group);
      if (!info?.removeChannel(connection.id)) continue;
      this.unindexChannel(connection.id, group);
      this.dropGroupIfEmpty(info);
      this.listener.idsChanged?.(group, info.connections());
    }
    return groups;
  }

  /** Removes channels silent for more than 120 s; the broker closes their connections. */
  scanExpired(now: number = this.now()): ExpiredChannel<C>[] {
    const expired: ExpiredChannel<C>[] = [];
    for (const info of [...this.groups.values()]) {
      let removed = false;
      for (const channel of [...info.channels.values()]) {
        if (!isChannelExpired(channel, now, this.channelExpiryMs)) continue;
        info.removeChannel(channel.connection.id);
        this.unindexChannel(channel.connection.id, info.groupName);
        expired.push({ group: info.groupName, info: channel });
        removed = true;
      }
      if (!removed) continue;
      this.dropGroupIfEmpty(info);
      this.listener.idsChanged?.(info.groupName, info.connections());
    }
    return expired;
  }

  private indexChannel(connectionId: number, group: string): void {
    let groups = this.groupsByChannel.get(connectionId);
    if (!groups) {
      groups = new Set();
      this.groupsByChannel.set(connectionId, groups);
    }
    groups.add(group);
    this.channelCount++;
  }

  private unindexChannel(connectionId: number, group: string): void {
    const groups = this.groupsByChannel.get(connectionId);
    if (!groups?.delete(group)) return;
    if (groups.size === 0) this.groupsByChannel.delete(connectionId);
    this.channelCount--;
  }

  private dropGroupIfEmpty(info: ConsumerGroupInfo<C>): void {
    if (info.channels.size > 0 || this.groups.get(info.groupName) !== info) return;
    this.groups.delete(info.groupName);
    this.listener.groupRemoved?.(info.groupName);
  }

  // --- look-ups ----------------------------------------------------------------------------

  /** The group as heartbeats describe it (consume settings, channels, subscriptions). */
  findGroup(group: string): ConsumerGroupView<C> | undefined {
    return this.groups.get(group);
  }

  /** GET_CONSUMER_LIST_BY_GROUP: client ids of the group's live channels (empty when unknown). */
  consumerIds(group: string): string[] {
    return this.groups.get(group)?.clientIds() ?? [];
  }

  connectionsOf(group: string): C[] {
    return this.groups.get(group)?.connections() ?? [];
  }

  findSubscription(group: string, topic: string): Readonly<SubscriptionData> | undefined {
    return this.groups.get(group)?.subscriptions.get(topic);
  }

  /** The channel of `clientId` in `group` (relays of GET_CONSUMER_RUNNING_INFO, …). */
  findChannel(group: string, clientId: string): Readonly<ClientChannelInfo<C>> | undefined {
    return this.groups.get(group)?.findChannel(clientId);
  }

  /** QUERY_TOPIC_CONSUME_BY_WHO (the online part): groups subscribed to `topic`. */
  groupsSubscribedTo(topic: string): string[] {
    const groups: string[] = [];
    for (const [name, info] of this.groups) if (info.subscriptions.has(topic)) groups.push(name);
    return groups;
  }

  groupNames(): string[] {
    return [...this.groups.keys()];
  }

  get groupCount(): number {
    return this.groups.size;
  }

  /** Channel entries over all groups (a connection in two groups counts twice). */
  get channelEntryCount(): number {
    return this.channelCount;
  }
}
