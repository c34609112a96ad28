/**
 * REGISTER_BROKER requests built from the captured registration of the 4.9.8 broker
 * (`broker-register`, first frame: broker-a at 127.0.0.1:20911, 9 system topics), for
 * tests that play a broker with the project's RemotingClient.
 */
import { messageBodyCrc } from '../../../src/common/crc32.js';
import { RequestCode } from '../../../src/protocol/request-code.js';
import { createRequest, decodeCommand, type ExtFields, type RemotingCommand } from '../../../src/remoting/remoting-command.js';
import { loadFrame, loadManifest } from '../../support/fixtures.js';

export function capturedRegistration(): RemotingCommand {
  const first = loadManifest('broker-register').frames[0];
  if (!first) throw new Error('broker-register has no frames');
  return decodeCommand(loadFrame('broker-register', first.file).subarray(4));
}

/** A REGISTER_BROKER request with the captured header and body, header fields overridden. */
export function registerRequest(overrides: ExtFields = {}, body?: Buffer): RemotingCommand {
  const captured = capturedRegistration();
  const payload = body ?? captured.body ?? Buffer.alloc(0);
  return createRequest(RequestCode.REGISTER_BROKER, {
    extFields: { ...captured.extFields, bodyCrc32: String(messageBodyCrc(payload)), ...overrides },
    body: payload,
  });
}
