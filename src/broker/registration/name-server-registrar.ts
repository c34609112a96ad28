/**
 * NameServerRegistrar: the broker's side of REGISTER_BROKER (103) and UNREGISTER_BROKER
 * (104) (RocketMQ BrokerOuterAPI): one request to every configured name server at once,
 * each with its own timeout; a name server that is down or refuses is logged and skipped,
 * never fatal.
 *
 * Register request: RegisterBrokerRequestHeader (cluster, address, name, id, HA address,
 * `compressed`, `bodyCrc32` = CRC-32 & 0x7FFFFFFF of the body) and a RegisterBrokerBody
 * (the topic table with its DataVersion, no filter servers), JSON or, with
 * `compressed`, the zlib form. Oneway registrations (after auto-creating a topic, as
 * RocketMQ does) get no answer. An answer carries the master's address for a slave and,
 * in its body, the KV table of ordered topics.
 *
 * With forceRegister=false the periodic registration first asks QUERY_DATA_VERSION (322):
 * a name server whose copy of the table is current counts the question as a heartbeat;
 * the broker registers again only when one of them has changed (or did not answer).
 */
import { messageBodyCrc } from '../../common/crc32.js';
import type { Logger } from '../../common/log.js';
import { encodeDataVersion, type DataVersion } from '../../protocol/bodies/data-version.js';
import { decodeKVTable } from '../../protocol/bodies/kv-table.js';
import { encodeRegisterBrokerBody } from '../../protocol/bodies/register-broker-body.js';
import type { TopicConfigSerializeWrapper } from '../../protocol/bodies/topic-config-serialize-wrapper.js';
import { QueryDataVersionRequestHeader } from '../../protocol/headers/query-data-version-request-header.js';
import { QueryDataVersionResponseHeader } from '../../protocol/headers/query-data-version-response-header.js';
import { RegisterBrokerRequestHeader } from '../../protocol/headers/register-broker-request-header.js';
import { RegisterBrokerResponseHeader } from '../../protocol/headers/register-broker-response-header.js';
import { UnRegisterBrokerRequestHeader } from '../../protocol/headers/unregister-broker-request-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import { ResponseCode, responseCodeName } from '../../protocol/response-code.js';
import type { RemotingClient } from '../../remoting/client.js';
import { createRequest } from '../../remoting/remoting-command.js';

export interface BrokerIdentity {
  clusterName: string;
  brokerAddr: string;
  brokerName: string;
  brokerId: number;
  haServerAddr: string;
}

export interface RegisterResult {
  nameServer: string;
  masterAddr?: string;
  haServerAddr?: string;
  /** Topics the name server lists as ordered (ORDER_TOPIC_CONFIG), when it answered with them. */
  orderTopics: Set<string> | null;
}

export interface NameServerRegistrarOptions {
  client: RemotingClient;
  /** The name server addresses, read at every call (namesrvAddr may change). */
  addresses: () => string[];
  timeoutMs: () => number;
  logger: Logger;
}

export class NameServerRegistrar {
  constructor(private readonly options: NameServerRegistrarOptions) {}

  /** Registers with every name server; resolves with the answers of those that answered. */
  async registerAll(identity: BrokerIdentity, wrapper: TopicConfigSerializeWrapper, oneway: boolean, compressed: boolean): Promise<RegisterResult[]> {
    const body = encodeRegisterBrokerBody({ topicConfigSerializeWrapper: wrapper, filterServerList: [] }, compressed);
    const extFields = RegisterBrokerRequestHeader.encode({ ...identity, compressed, bodyCrc32: messageBodyCrc(body) });
    const results = await Promise.all(
      this.options.addresses().map((address) => this.registerOne(address, extFields, body, oneway)),
    );
    return results.filter((result): result is RegisterResult => result !== null);
  }

  private async registerOne(address: string, extFields: Record<string, string>, body: Buffer, oneway: boolean): Promise<RegisterResult | null> {
    const request = createRequest(RequestCode.REGISTER_BROKER, { extFields: { ...extFields }, body });
    try {
      if (oneway) {
        await this.options.client.invokeOneway(address, request);
        return null;
      }
      const response = await this.options.client.invoke(address, request, this.options.timeoutMs());
      if (response.code !== ResponseCode.SUCCESS) {
        this.options.logger.warn({ nameServer: address, code: responseCodeName(response.code), remark: response.remark }, 'register broker refused');
        return null;
      }
      const header = RegisterBrokerResponseHeader.decode(response.extFields);
      const orderTopics = response.body && response.body.length > 0 ? new Set(decodeKVTable(response.body).table.keys()) : null;
      return { nameServer: address, ...header, orderTopics };
    } catch (error) {
      this.options.logger.warn({ nameServer: address, err: (error as Error).message }, 'register broker failed');
      return null;
    }
  }

  /** Whether some name server's copy of the topic table differs from `dataVersion` (or cannot be asked). */
  async needRegister(identity: Omit<BrokerIdentity, 'haServerAddr'>, dataVersion: DataVersion): Promise<boolean> {
    const extFields = QueryDataVersionRequestHeader.encode(identity);
    const body = encodeDataVersion(dataVersion);
    const answers = await Promise.all(
      this.options.addresses().map(async (address) => {
        try {
          const request = createRequest(RequestCode.QUERY_DATA_VERSION, { extFields: { ...extFields }, body });
          const response = await this.options.client.invoke(address, request, this.options.timeoutMs());
          return response.code !== ResponseCode.SUCCESS || QueryDataVersionResponseHeader.decode(response.extFields).changed;
        } catch (error) {
          this.options.logger.warn({ nameServer: address, err: (error as Error).message }, 'query data version failed');
          return true;
        }
      }),
    );
    return answers.some((changed) => changed);
  }

  /** Unregisters from every name server (on shutdown); failures are logged. */
  async unregisterAll(identity: Omit<BrokerIdentity, 'haServerAddr'>): Promise<void> {
    const extFields = UnRegisterBrokerRequestHeader.encode(identity);
    await Promise.all(
      this.options.addresses().map(async (address) => {
        try {
          const response = await this.options.client.invoke(address, createRequest(RequestCode.UNREGISTER_BROKER, { extFields: { ...extFields } }), this.options.timeoutMs());
          if (response.code !== ResponseCode.SUCCESS) {
            this.options.logger.warn({ nameServer: address, code: responseCodeName(response.code), remark: response.remark }, 'unregister broker refused');
          }
        } catch (error) {
          this.options.logger.warn({ nameServer: address, err: (error as Error).message }, 'unregister broker failed');
        }
      }),
    );
  }
}
