/**
 * ClientConfig: the settings every client (producer, consumer, admin) shares, with Java
 * `ClientConfig`'s names and 4.9.8 defaults.
 *
 * | setting | default | meaning |
 * | --- | --- | --- |
 * | namesrvAddr | env NAMESRV_ADDR | name servers, `host:port;host:port` |
 * | clientIP | this host's IPv4 | the IP in clientId and in message unique keys |
 * | instanceName | `DEFAULT` → `<pid>#<ns>` | makes clientId unique in the process |
 * | unitName | — | appended to clientId when set |
 * | pollNameServerInterval | 30000 | ms between route refreshes |
 * | heartbeatBrokerInterval | 30000 | ms between heartbeats to the brokers |
 * | persistConsumerOffsetInterval | 5000 | ms between consumer offset commits |
 * | rebalanceInterval | 20000 | ms between rebalances (Java system property rocketmq.client.rebalance.waitInterval) |
 * | mqClientApiTimeout | 3000 | timeout of name server and admin calls, ms |
 * | vipChannelEnabled | false | send to the broker's VIP port (listenPort - 2) |
 * | language | JAVA | language code in request headers (a 4.9.8 broker knows no NODE_JS) |
 * | rpcHook | — | called around every request (ACL signing) |
 */
import { silentLogger, type Logger } from '../common/log.js';
import type { LanguageName } from '../protocol/language-code.js';
import type { RpcHook } from '../remoting/rpc-hook.js';

export interface ClientConfig {
  namesrvAddr?: string;
  clientIP?: string;
  instanceName?: string;
  unitName?: string;
  pollNameServerInterval?: number;
  heartbeatBrokerInterval?: number;
  persistConsumerOffsetInterval?: number;
  rebalanceInterval?: number;
  mqClientApiTimeout?: number;
  vipChannelEnabled?: boolean;
  language?: LanguageName;
  rpcHook?: RpcHook;
  logger?: Logger;
}

export interface ResolvedClientConfig {
  namesrvAddr: string;
  clientIP: string | undefined;
  instanceName: string;
  unitName: string | undefined;
  pollNameServerInterval: number;
  heartbeatBrokerInterval: number;
  persistConsumerOffsetInterval: number;
  rebalanceInterval: number;
  mqClientApiTimeout: number;
  vipChannelEnabled: boolean;
  language: LanguageName;
  rpcHook: RpcHook | undefined;
  logger: Logger;
}

export const DEFAULT_INSTANCE_NAME = 'DEFAULT';

export function resolveClientConfig(config: ClientConfig, env: NodeJS.ProcessEnv = process.env): ResolvedClientConfig {
  return {
    namesrvAddr: config.namesrvAddr ?? env['NAMESRV_ADDR'] ?? '',
    clientIP: config.clientIP,
    instanceName: config.instanceName ?? DEFAULT_INSTANCE_NAME,
    unitName: config.unitName,
    pollNameServerInterval: config.pollNameServerInterval ?? 30_000,
    heartbeatBrokerInterval: config.heartbeatBrokerInterval ?? 30_000,
    persistConsumerOffsetInterval: config.persistConsumerOffsetInterval ?? 5_000,
    rebalanceInterval: config.rebalanceInterval ?? 20_000,
    mqClientApiTimeout: config.mqClientApiTimeout ?? 3_000,
    vipChannelEnabled: config.vipChannelEnabled ?? false,
    language: config.language ?? 'JAVA',
    rpcHook: config.rpcHook,
    logger: config.logger ?? silentLogger,
  };
}

/** The name server addresses of a `host:port;host:port` list (blanks dropped). */
export function parseNamesrvAddr(text: string): string[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
