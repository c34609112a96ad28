/** UNREGISTER_BROKER (104): a broker shutting down removes its address at once. */
import { UnRegisterBrokerRequestHeader } from '../../protocol/headers/unregister-broker-request-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const unregisterBroker: NamesrvHandler = (context, request) => {
  const header = UnRegisterBrokerRequestHeader.decode(request.extFields);
  context.routes.unregisterBroker(header.clusterName, header.brokerAddr, header.brokerName, header.brokerId);
  context.logger.info({ broker: header.brokerAddr, name: header.brokerName, id: header.brokerId }, 'broker unregistered');
  return createResponse(request, ResponseCode.SUCCESS);
};
