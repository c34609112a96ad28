/**
 * Relays an admin request to one consumer and hands back its answer (RocketMQ
 * AdminBrokerProcessor.callConsumer, for GET_CONSUMER_RUNNING_INFO 307 and
 * CONSUME_MESSAGE_DIRECTLY 309): the request's ext fields and body go, under the same
 * code, to the connection of `clientId` in `group`; the client's answer (code, remark,
 * ext fields, body) is returned unchanged — the transport gives it the admin's opaque and
 * serialization.
 *
 *   no such member                   → 1 `The Consumer <group> <clientId> not online`
 *   client older than V3_1_8_SNAPSHOT → 1 `The Consumer <clientId> Version <v> too low to finish, …`
 *   no answer within 10 s            → 207 CONSUME_MSG_TIMEOUT `consumer <group> <clientId> Timeout: …`
 *   the call failed otherwise        → 1 `invoke consumer <group> <clientId> Exception: …`
 */
import { isRocketMQError } from '../../common/errors.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createRequest, createResponse, type ExtFields, type RemotingCommand } from '../../remoting/remoting-command.js';
import type { BrokerContext } from '../broker-context.js';

/** MQVersion ordinal of V3_1_8_SNAPSHOT. */
const V3_1_8_SNAPSHOT = 62;
/** Java Broker2Client.callClient's timeout. */
export const CALL_CLIENT_TIMEOUT_MS = 10_000;

export interface ConsumerCall {
  code: number;
  group: string;
  clientId: string;
  extFields: ExtFields | null;
  body: Buffer | null;
}

export async function callConsumer(context: BrokerContext, request: RemotingCommand, call: ConsumerCall, timeoutMs = CALL_CLIENT_TIMEOUT_MS): Promise<RemotingCommand> {
  const channel = context.consumers.findChannel(call.group, call.clientId);
  if (!channel) return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `The Consumer <${call.group}> <${call.clientId}> not online` });
  if (channel.version < V3_1_8_SNAPSHOT) {
    return createResponse(request, ResponseCode.SYSTEM_ERROR, {
      remark: `The Consumer <${call.clientId}> Version <${channel.version}> too low to finish, please upgrade it to V3_1_8_SNAPSHOT`,
    });
  }
  try {
    return await channel.connection.invoke(createRequest(call.code, { extFields: call.extFields, body: call.body }), timeoutMs);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (isRocketMQError(error) && error.code === 'REQUEST_TIMEOUT') {
      return createResponse(request, ResponseCode.CONSUME_MSG_TIMEOUT, { remark: `consumer <${call.group}> <${call.clientId}> Timeout: ${text}` });
    }
    return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: `invoke consumer <${call.group}> <${call.clientId}> Exception: ${text}` });
  }
}
