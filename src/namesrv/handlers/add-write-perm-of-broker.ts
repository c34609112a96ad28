/** ADD_WRITE_PERM_OF_BROKER (327): makes every topic of a broker name readable and writable again; answers how many topics. */
import { AddWritePermOfBrokerRequestHeader } from '../../protocol/headers/add-write-perm-of-broker-request-header.js';
import { AddWritePermOfBrokerResponseHeader } from '../../protocol/headers/add-write-perm-of-broker-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const addWritePermOfBroker: NamesrvHandler = (context, request, connection) => {
  const { brokerName } = AddWritePermOfBrokerRequestHeader.decode(request.extFields);
  const addTopicCount = context.routes.addWritePermOfBroker(brokerName);
  context.logger.info({ brokerName, from: connection.remoteAddress, topics: addTopicCount }, 'write permission of broker restored');
  return createResponse(request, ResponseCode.SUCCESS, {
    extFields: AddWritePermOfBrokerResponseHeader.encode({ addTopicCount }),
  });
};
