/**
 * BrokerRegistration: when the broker tells the name servers about itself (RocketMQ
 * BrokerController.registerBrokerAll / registerIncrementBrokerData):
 *
 * - at start (answered), then every registerNameServerPeriod ms (clamped to 10 s..60 s,
 *   the first after 10 s), with the whole topic table; with forceRegister=false only when a
 *   name server's copy is out of date;
 * - at once, oneway, with the whole table after a topic is created on demand (send,
 *   %RETRY%, %DLQ%);
 * - answered, with only the changed topic, after UPDATE_AND_CREATE_TOPIC;
 * - answered, with the whole table, after brokerPermission changes;
 * - UNREGISTER_BROKER at shutdown.
 *
 * While the broker is not both readable and writable, every topic is registered with the
 * broker's permission instead of its own, so clients stop using it. The ordered topics the
 * name servers answer with (ORDER_TOPIC_CONFIG) set the topics' order flags.
 */
import type { Logger } from '../../common/log.js';
import type { TopicConfig } from '../../protocol/bodies/topic-config.js';
import type { TopicConfigSerializeWrapper } from '../../protocol/bodies/topic-config-serialize-wrapper.js';
import type { BrokerConfig } from '../broker-config.js';
import { isReadable, isWriteable } from '../../protocol/perm-name.js';
import type { TopicConfigManager } from '../topic/topic-config-manager.js';
import type { BrokerIdentity, NameServerRegistrar } from './name-server-registrar.js';

const FIRST_PERIODIC_DELAY_MS = 10_000;

export interface BrokerRegistrationOptions {
  config: BrokerConfig;
  identity: BrokerIdentity;
  topics: TopicConfigManager;
  registrar: NameServerRegistrar;
  logger: Logger;
}

export class BrokerRegistration {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly options: BrokerRegistrationOptions) {}

  /** Registers now (waiting for the answers), then on the period. */
  async start(): Promise<void> {
    await this.registerAll({ oneway: false, checkOrderConfig: true });
    this.schedule(FIRST_PERIODIC_DELAY_MS);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.periodic().finally(() => this.schedule(this.periodMs()));
    }, delayMs);
    this.timer.unref();
  }

  private periodMs(): number {
    return Math.max(10_000, Math.min(this.options.config.registerNameServerPeriod, 60_000));
  }

  private async periodic(): Promise<void> {
    try {
      if (!this.options.config.forceRegister) {
        const { haServerAddr: _unused, ...identity } = this.options.identity;
        if (!(await this.options.registrar.needRegister(identity, this.options.topics.dataVersion))) return;
      }
      await this.registerAll({ oneway: false, checkOrderConfig: true });
    } catch (error) {
      this.options.logger.error({ err: (error as Error).message }, 'periodic registration failed');
    }
  }

  /** Registers the whole topic table with every name server. */
  async registerAll({ oneway, checkOrderConfig }: { oneway: boolean; checkOrderConfig: boolean }): Promise<void> {
    await this.register(this.withBrokerPermission(this.options.topics.wrapper()), oneway, checkOrderConfig);
  }

  /** Registers one changed topic (UPDATE_AND_CREATE_TOPIC). */
  async registerIncrement(topic: TopicConfig): Promise<void> {
    const wrapper = { dataVersion: this.options.topics.dataVersion, topicConfigTable: new Map([[topic.topicName, topic]]) };
    await this.register(this.withBrokerPermission(wrapper), false, true);
  }

  private async register(wrapper: TopicConfigSerializeWrapper, oneway: boolean, checkOrderConfig: boolean): Promise<void> {
    if (this.stopped) return;
    const { identity, registrar, config, topics } = this.options;
    const results = await registrar.registerAll(identity, wrapper, oneway, config.compressedRegister);
    const orderTopics = results[0]?.orderTopics;
    if (checkOrderConfig && orderTopics) topics.updateOrderTopicConfig(orderTopics);
  }

  private withBrokerPermission(wrapper: TopicConfigSerializeWrapper): TopicConfigSerializeWrapper {
    const perm = this.options.config.brokerPermission;
    if (isReadable(perm) && isWriteable(perm)) return wrapper;
    const table = new Map<string, TopicConfig>();
    for (const [name, topic] of wrapper.topicConfigTable) table.set(name, { ...topic, perm });
    return { dataVersion: wrapper.dataVersion, topicConfigTable: table };
  }

  /** Stops the period and unregisters from every name server. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const { haServerAddr: _unused, ...identity } = this.options.identity;
    await this.options.registrar.unregisterAll(identity);
  }
}
