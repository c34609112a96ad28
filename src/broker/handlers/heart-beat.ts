/**
 * HEART_BEAT (34): a client's producer and consumer groups (HeartbeatData body). This
 * part records the producer groups with the client's connection
 * (consumer/producer-manager.ts) and answers 0 with no header, as RocketMQ does; a
 * registry past its bounds answers 2 SYSTEM_BUSY (the next heartbeat tries again).
 * Consumer groups are accepted and not yet recorded.
 */
import { decodeHeartbeatData } from '../../protocol/bodies/heartbeat-data.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { BrokerHandler } from '../broker-context.js';

export const heartBeat: BrokerHandler = (context, request, connection) => {
  const heartbeat = decodeHeartbeatData(request.body ?? Buffer.from('{}'));
  const client = { connection, clientId: heartbeat.clientID, language: request.language, version: request.version };
  for (const producer of heartbeat.producerDataSet) {
    const outcome = context.producers.registerProducer(producer.groupName, client);
    if (!outcome.ok) return createResponse(request, outcome.responseCode, { remark: outcome.remark });
  }
  return createResponse(request, ResponseCode.SUCCESS);
};
