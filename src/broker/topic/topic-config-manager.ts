/**
 * TopicConfigManager: the broker's topic table (RocketMQ TopicConfigManager) — every
 * topic's queue counts, permission, filter type, sysFlag and order flag, with the table's
 * DataVersion, persisted to topics.json on every change.
 *
 * Invariants:
 * - At load the system topics (system-topics.ts) are put first and the file's topics over
 *   them, so a table written earlier wins; the DataVersion is the file's.
 * - Every change bumps the DataVersion, is written to disk before the method returns, and
 *   is then announced to the change listeners (the broker re-registers with the name
 *   servers).
 * - Auto-creation on send (`createTopicInSendMessageMethod`) copies a template topic that
 *   has PERM_INHERIT: queue count = min(the producer's defaultTopicQueueNums, the
 *   template's write queues), perm = template's without INHERIT, filter type copied.
 *   TBW102 lends nothing while autoCreateTopicEnable is off.
 * - `createTopicInSendMessageBackMethod` creates group topics (%RETRY%, %DLQ%) with the
 *   given queues and perm whatever the settings.
 */
import type { Logger } from '../../common/log.js';
import type { DataVersion } from '../../protocol/bodies/data-version.js';
import { topicConfig, type TopicConfig } from '../../protocol/bodies/topic-config.js';
import type { TopicConfigSerializeWrapper } from '../../protocol/bodies/topic-config-serialize-wrapper.js';
import type { BrokerConfig } from '../broker-config.js';
import { DataVersionStamp } from '../data-version-stamp.js';
import { PermName, isInherited } from '../../protocol/perm-name.js';
import { isSystemTopic, systemTopicConfigs, systemTopicNames } from './system-topics.js';
import { readTopicsFile, writeTopicsFile } from './topics-file.js';
import { SystemTopic } from './topic-validator.js';

export type TopicChange =
  | { kind: 'auto-created'; config: TopicConfig }
  | { kind: 'updated'; config: TopicConfig }
  | { kind: 'deleted'; topic: string }
  | { kind: 'order-changed' };

export interface TopicConfigManagerOptions {
  /** The broker's settings (read live: autoCreateTopicEnable may change at run time). */
  config: BrokerConfig;
  /** topics.json; null keeps the table in memory only. */
  path: string | null;
  logger: Logger;
  now?: () => number;
}

export class TopicConfigManager {
  private readonly table = new Map<string, TopicConfig>();
  private readonly version: DataVersionStamp;
  private readonly listeners: ((change: TopicChange) => void)[] = [];
  private readonly config: BrokerConfig;
  private readonly logger: Logger;

  constructor(private readonly options: TopicConfigManagerOptions) {
    this.config = options.config;
    this.logger = options.logger;
    this.version = new DataVersionStamp(undefined, options.now);
    for (const system of systemTopicConfigs(this.config)) this.table.set(system.topicName, system);
  }

  /** Reads topics.json (or its .bak) over the system topics. Throws when the files exist and do not parse. */
  load(): void {
    if (this.options.path === null) return;
    const stored = readTopicsFile(this.options.path);
    if (!stored) return;
    for (const [name, config] of stored.topicConfigTable) this.table.set(name, config);
    this.version.assign(stored.dataVersion);
    this.logger.info({ topics: stored.topicConfigTable.size, dataVersion: stored.dataVersion }, 'topic configs loaded');
  }

  /** Writes the table to topics.json (also done after every change). */
  persist(): void {
    if (this.options.path !== null) writeTopicsFile(this.options.path, this.wrapper());
  }

  onChange(listener: (change: TopicChange) => void): void {
    this.listeners.push(listener);
  }

  get dataVersion(): DataVersion {
    return this.version.current;
  }

  select(topic: string): TopicConfig | undefined {
    return this.table.get(topic);
  }

  get topics(): ReadonlyMap<string, TopicConfig> {
    return this.table;
  }

  isSystemTopic(topic: string): boolean {
    return isSystemTopic(topic, this.config);
  }

  systemTopicNames(): string[] {
    return systemTopicNames(this.config);
  }

  isOrderTopic(topic: string): boolean {
    return this.table.get(topic)?.order ?? false;
  }

  /** The whole table with its version (GET_ALL_TOPIC_CONFIG, REGISTER_BROKER, topics.json). */
  wrapper(): TopicConfigSerializeWrapper {
    return { dataVersion: this.version.current, topicConfigTable: new Map(this.table) };
  }

  /**
   * The topic, auto-created from `defaultTopic` when it does not exist and the template
   * allows it; undefined when it can be neither found nor created.
   */
  createTopicInSendMessageMethod(topic: string, defaultTopic: string, remoteAddress: string, clientDefaultTopicQueueNums: number, topicSysFlag: number): TopicConfig | undefined {
    const existing = this.table.get(topic);
    if (existing) return existing;
    const template = this.table.get(defaultTopic);
    if (!template) {
      this.logger.warn({ topic, defaultTopic, producer: remoteAddress }, 'topic not created: the default topic does not exist');
      return undefined;
    }
    const lends = isInherited(template.perm) && !(defaultTopic === SystemTopic.AUTO_CREATE && !this.config.autoCreateTopicEnable);
    if (!lends) {
      this.logger.warn({ topic, defaultTopic, perm: template.perm, producer: remoteAddress }, 'topic not created: the default topic may not be inherited');
      return undefined;
    }
    const queueNums = Math.max(0, Math.min(clientDefaultTopicQueueNums, template.writeQueueNums));
    const created = topicConfig(topic, {
      readQueueNums: queueNums,
      writeQueueNums: queueNums,
      perm: template.perm & ~PermName.INHERIT,
      topicSysFlag,
      topicFilterType: template.topicFilterType,
    });
    this.logger.info({ topic, defaultTopic, queueNums, producer: remoteAddress }, 'topic created from the default topic');
    this.commit(created, { kind: 'auto-created', config: created });
    return created;
  }

  /** The topic, created with these queues, perm and sysFlag when it does not exist (%RETRY%, %DLQ% topics). */
  createTopicInSendMessageBackMethod(topic: string, queueNums: number, perm: number, topicSysFlag: number): TopicConfig {
    const existing = this.table.get(topic);
    if (existing) return existing;
    const created = topicConfig(topic, { readQueueNums: queueNums, writeQueueNums: queueNums, perm, topicSysFlag });
    this.logger.info({ topic, queueNums, perm }, 'topic created');
    this.commit(created, { kind: 'auto-created', config: created });
    return created;
  }

  /** Creates or replaces a topic (UPDATE_AND_CREATE_TOPIC). */
  updateTopicConfig(config: TopicConfig): void {
    const old = this.table.get(config.topicName);
    this.logger.info({ topic: config.topicName, old, config }, old ? 'topic config updated' : 'topic created');
    this.commit(config, { kind: 'updated', config });
  }

  /** Removes a topic; false when it did not exist. */
  deleteTopicConfig(topic: string): boolean {
    if (!this.table.delete(topic)) {
      this.logger.warn({ topic }, 'topic not deleted: it does not exist');
      return false;
    }
    this.version.next();
    this.persist();
    this.logger.info({ topic }, 'topic deleted');
    this.emit({ kind: 'deleted', topic });
    return true;
  }

  /** Bumps the DataVersion without a topic change (the broker's permission changed: routes must be rebuilt). */
  touch(): void {
    this.version.next();
    this.persist();
  }

  /** Marks exactly the topics of the name servers' ORDER_TOPIC_CONFIG namespace as ordered. */
  updateOrderTopicConfig(orderTopics: ReadonlySet<string>): void {
    let changed = false;
    for (const [name, config] of this.table) {
      const order = orderTopics.has(name);
      if (config.order !== order) {
        this.table.set(name, { ...config, order });
        changed = true;
      }
    }
    if (!changed) return;
    this.version.next();
    this.persist();
    this.emit({ kind: 'order-changed' });
  }

  private commit(config: TopicConfig, change: TopicChange): void {
    this.table.set(config.topicName, config);
    this.version.next();
    this.persist();
    this.emit(change);
  }

  private emit(change: TopicChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error({ err: (error as Error).message }, 'topic change listener failed');
      }
    }
  }
}
