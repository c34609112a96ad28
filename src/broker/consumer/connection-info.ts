/**
 * A registry channel as the Connection of admin answers (ConsumerConnection 203,
 * ProducerConnection 204): client id, the connection's remote address, language and
 * version as the client's requests said (a language this broker does not know shows as
 * OTHER).
 */
import type { Connection } from '../../protocol/bodies/connection.js';
import { isLanguageName } from '../../protocol/language-code.js';
import type { RemotingConnection } from '../../remoting/connection.js';
import type { ClientChannelInfo } from './client-channel.js';

export function connectionInfo(info: Readonly<ClientChannelInfo<RemotingConnection>>): Connection {
  return {
    clientId: info.clientId,
    clientAddr: info.connection.remoteAddress,
    language: isLanguageName(info.language) ? info.language : 'OTHER',
    version: info.version,
  };
}
