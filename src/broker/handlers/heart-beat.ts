/**
 * HEART_BEAT (34): a client's producer and consumer groups (HeartbeatData body). This
 * part records the producer groups with the client's connection (client/producer-manager.ts)
 * and answers 0 with no header, as RocketMQ does; consumer groups are accepted and not yet
 * recorded.
 */
import { decodeHeartbeatData } from '../../protocol/bodies/heartbeat-data.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const heartBeat: BrokerHandler = (context, request, connection) => {
  const heartbeat = decodeHeartbeatData(request.body ?? Buffer.from('{}'));
  for (const producer of heartbeat.producerDataSet) {
    context.producers.register(producer.groupName, {
      clientId: heartbeat.clientID,
      connectionId: connection.id,
      remoteAddress: connection.remoteAddress,
      language: request.language,
      version: request.version,
    });
  }
  return createResponse(request, ResponseCode.SUCCESS);
};
