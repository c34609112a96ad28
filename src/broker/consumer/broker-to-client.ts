/**
 * Requests the broker sends to consumers about their group (Java Broker2Client):
 * NOTIFY_CONSUMER_IDS_CHANGED (40): oneway, header `consumerGroup`, no body — a Java
 * client rebalances at once on it, ali-ons ignores it; RESET_CONSUMER_CLIENT_OFFSET (220):
 * oneway, the offsets an admin reset the group to.
 *
 * A closed connection is skipped; a failure to send to one member never stops the others.
 */
import type { Logger } from '../../common/log.js';
import { silentLogger } from '../../common/log.js';
import { NotifyConsumerIdsChangedRequestHeader } from '../../protocol/headers/notify-consumer-ids-changed-request-header.js';
import { ResetOffsetRequestHeader } from '../../protocol/headers/reset-offset-request-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import type { RemotingConnection } from '../../remoting/connection.js';
import { createRequest } from '../../remoting/remoting-command.js';
import type { ChannelRef } from './client-channel.js';
import type { ConsumerGroupListener } from './consumer-manager.js';

/** What sending a oneway request needs of a connection. */
export type OnewayChannel = Pick<RemotingConnection, 'invokeOneway' | 'closed' | 'remoteAddress'>;

/** Sends NOTIFY_CONSUMER_IDS_CHANGED to each connection; returns how many were sent. */
export function notifyConsumerIdsChanged(connections: Iterable<OnewayChannel>, group: string, logger: Logger = silentLogger): number {
  let sent = 0;
  for (const connection of connections) {
    if (connection.closed) continue;
    // invokeOneway stamps opaque and flag into the command: one command per connection.
    const request = createRequest(RequestCode.NOTIFY_CONSUMER_IDS_CHANGED, {
      extFields: NotifyConsumerIdsChangedRequestHeader.encode({ consumerGroup: group }),
    });
    try {
      connection.invokeOneway(request);
      sent++;
    } catch (error) {
      logger.warn({ err: (error as Error).message, group, remote: connection.remoteAddress }, 'could not notify a consumer of changed ids');
    }
  }
  return sent;
}

/**
 * The ConsumerManager listener the broker installs: on every change it notifies the
 * group's members, unless the broker's `notifyConsumerIdsChangedEnable` setting is off.
 */
export function consumerIdsChangedNotifier<C extends ChannelRef & OnewayChannel>(
  enabled: () => boolean = () => true,
  logger: Logger = silentLogger,
): ConsumerGroupListener<C> {
  return {
    idsChanged: (group, connections) => {
      if (enabled()) notifyConsumerIdsChanged(connections, group, logger);
    },
  };
}

/**
 * Sends RESET_CONSUMER_CLIENT_OFFSET (220) oneway to one consumer: header ResetOffsetRequestHeader
 * (topic, group, timestamp, isForce=false as Java's primitive field leaves it), body
 * ResetOffsetBody or ResetOffsetBodyForC. False when it could not be sent.
 */
export function resetConsumerClientOffset(connection: OnewayChannel, header: { topic: string; group: string; timestamp: number }, body: Buffer, logger: Logger = silentLogger): boolean {
  if (connection.closed) return false;
  const request = createRequest(RequestCode.RESET_CONSUMER_CLIENT_OFFSET, {
    extFields: ResetOffsetRequestHeader.encode({ ...header, isForce: false }),
    body,
  });
  try {
    connection.invokeOneway(request);
    return true;
  } catch (error) {
    logger.warn({ err: (error as Error).message, group: header.group, remote: connection.remoteAddress }, 'could not send a consumer its reset offsets');
    return false;
  }
}
