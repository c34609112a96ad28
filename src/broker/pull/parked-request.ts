/**
 * A pull parked by the hold service (long-polling/): the request, the connection it came
 * on, and how to answer it. The handler's promise for the request resolves through
 * `answer`, so the transport sends the answer with the request's opaque and serialization
 * whenever it comes; `answer(null)` sends nothing (the connection is gone).
 */
import type { RemotingConnection } from '../../remoting/connection.js';
import type { RemotingCommand } from '../../remoting/remoting-command.js';

export interface ParkedRequest {
  readonly command: RemotingCommand;
  readonly connection: RemotingConnection;
  answer(response: RemotingCommand | null): void;
}
