/**
 * ConsumerGroupInfo: one consumer group as heartbeats describe it (Java ConsumerGroupInfo):
 *
 *   channels       connection id → ClientChannelInfo (clientId, language, version, last heartbeat)
 *   subscriptions  topic → SubscriptionData
 *   consumeType, messageModel, consumeFromWhere — as the latest heartbeat said
 *
 * Rules (4.9.8):
 *   - a heartbeat on a new connection adds a channel ("changed"); on a known connection it
 *     only refreshes the time (a different clientId on the same connection replaces it);
 *   - subscriptions: a topic not yet known is added ("changed"); a known topic is replaced
 *     only by a higher subVersion (not a change of the set); a topic the heartbeat no
 *     longer lists is removed ("changed").
 */
import type { ConsumeFromWhere, ConsumeType, ConsumerData, MessageModel } from '../../protocol/bodies/heartbeat-data.js';
import type { SubscriptionData } from '../../protocol/bodies/subscription-data.js';
import type { ChannelRef, ClientChannelInfo, ClientIdentity } from './client-channel.js';

/** What callers may read of a group. */
export interface ConsumerGroupView<C extends ChannelRef> {
  readonly groupName: string;
  readonly consumeType: ConsumeType;
  readonly messageModel: MessageModel;
  readonly consumeFromWhere: ConsumeFromWhere;
  readonly lastUpdateTimestamp: number;
  readonly channels: ReadonlyMap<number, Readonly<ClientChannelInfo<C>>>;
  readonly subscriptions: ReadonlyMap<string, Readonly<SubscriptionData>>;
}

export class ConsumerGroupInfo<C extends ChannelRef> implements ConsumerGroupView<C> {
  readonly channels = new Map<number, ClientChannelInfo<C>>();
  readonly subscriptions = new Map<string, SubscriptionData>();
  consumeType: ConsumeType;
  messageModel: MessageModel;
  consumeFromWhere: ConsumeFromWhere;
  lastUpdateTimestamp: number;

  constructor(
    readonly groupName: string,
    data: Pick<ConsumerData, 'consumeType' | 'messageModel' | 'consumeFromWhere'>,
    now: number,
  ) {
    this.consumeType = data.consumeType;
    this.messageModel = data.messageModel;
    this.consumeFromWhere = data.consumeFromWhere;
    this.lastUpdateTimestamp = now;
  }

  /** Records a heartbeat of `client`; true when its connection is new to the group. */
  updateChannel(client: ClientIdentity<C>, data: Pick<ConsumerData, 'consumeType' | 'messageModel' | 'consumeFromWhere'>, now: number): boolean {
    this.consumeType = data.consumeType;
    this.messageModel = data.messageModel;
    this.consumeFromWhere = data.consumeFromWhere;
    this.lastUpdateTimestamp = now;
    const known = this.channels.get(client.connection.id);
    if (known && known.clientId === client.clientId) {
      known.lastUpdateTimestamp = now;
      known.language = client.language;
      known.version = client.version;
      return false;
    }
    this.channels.set(client.connection.id, { ...client, lastUpdateTimestamp: now });
    return known === undefined;
  }

  /** Applies a heartbeat's subscription list; true when the set of topics changed. */
  updateSubscriptions(list: readonly SubscriptionData[], now: number): boolean {
    let changed = false;
    const listed = new Set<string>();
    for (const subscription of list) {
      listed.add(subscription.topic);
      const known = this.subscriptions.get(subscription.topic);
      if (!known) {
        this.subscriptions.set(subscription.topic, subscription);
        changed = true;
      } else if (subscription.subVersion > known.subVersion) {
        this.subscriptions.set(subscription.topic, subscription);
      }
    }
    for (const topic of [...this.subscriptions.keys()]) {
      if (listed.has(topic)) continue;
      this.subscriptions.delete(topic);
      changed = true;
    }
    this.lastUpdateTimestamp = now;
    return changed;
  }

  removeChannel(connectionId: number): ClientChannelInfo<C> | undefined {
    const info = this.channels.get(connectionId);
    if (info) this.channels.delete(connectionId);
    return info;
  }

  findChannel(clientId: string): ClientChannelInfo<C> | undefined {
    for (const info of this.channels.values()) if (info.clientId === clientId) return info;
    return undefined;
  }

  connections(): C[] {
    return [...this.channels.values()].map((info) => info.connection);
  }

  clientIds(): string[] {
    return [...this.channels.values()].map((info) => info.clientId);
  }
}
