/**
 * The server side of the remoting benchmark, run as a child process so that client and
 * server each have a core: answers SEND_MESSAGE_V2 with a send response header as a
 * broker would, without storing anything. Reports its port to the parent over IPC.
 */
import { RequestCode } from '../src/protocol/request-code.js';
import { ResponseCode } from '../src/protocol/response-code.js';
import { createResponse } from '../src/remoting/remoting-command.js';
import { RemotingServer } from '../src/remoting/server.js';

const server = new RemotingServer();
let queueOffset = 0;
server.registerHandler(RequestCode.SEND_MESSAGE_V2, (request) =>
  createResponse(request, ResponseCode.SUCCESS, {
    extFields: {
      msgId: '7F000001000051AF0000000000000570',
      queueId: request.extFields?.['e'] ?? '0',
      queueOffset: String(queueOffset++),
      MSG_REGION: 'DefaultRegion',
      TRACE_ON: 'true',
    },
  }),
);
const { port } = await server.listen();
process.send?.({ port });
process.on('message', async (message) => {
  if (message === 'stop') {
    await server.close();
    process.exit(0);
  }
});
