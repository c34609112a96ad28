/** WIPE_WRITE_PERM_OF_BROKER (205): stops writes to every topic of a broker name; answers how many topics. */
import { WipeWritePermOfBrokerRequestHeader } from '../../protocol/headers/wipe-write-perm-of-broker-request-header.js';
import { WipeWritePermOfBrokerResponseHeader } from '../../protocol/headers/wipe-write-perm-of-broker-response-header.js';
import { ResponseCode } from '../../protocol/response-code.js';
import { createResponse } from '../../remoting/remoting-command.js';
import type { NamesrvHandler } from '../namesrv-context.js';

export const wipeWritePermOfBroker: NamesrvHandler = (context, request, connection) => {
  const { brokerName } = WipeWritePermOfBrokerRequestHeader.decode(request.extFields);
  const wipeTopicCount = context.routes.wipeWritePermOfBroker(brokerName);
  context.logger.info({ brokerName, from: connection.remoteAddress, topics: wipeTopicCount }, 'write permission of broker wiped');
  return createResponse(request, ResponseCode.SUCCESS, {
    extFields: WipeWritePermOfBrokerResponseHeader.encode({ wipeTopicCount }),
  });
};
