/** The answer of a slave to admin requests that change it (RocketMQ AdminBrokerProcessor.validateSlave), or null on a master. */
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse, type RemotingCommand } from '../../remoting/remoting-command.js';
import type { BrokerContext } from '../broker-context.js';

export function slaveRefusal(context: BrokerContext, request: RemotingCommand): RemotingCommand | null {
  if (context.config.brokerRole !== 'SLAVE') return null;
  return createResponse(request, ResponseCode.SYSTEM_ERROR, { remark: "Can't modify topic or subscription group from slave broker, please execute it from master broker." });
}
