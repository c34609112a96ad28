/**
 * SubscriptionGroupManager: the broker's consumer-group settings (Java
 * SubscriptionGroupManager), persisted in `<storePathRootDir>/config/subscriptionGroup.json`:
 *
 *   {"dataVersion":{"counter":2,"timestamp":1795540432069},
 *    "subscriptionGroupTable":{"GroupA":{"brokerId":0,"consumeBroadcastEnable":true,…},…}}
 *
 * Java writes it with fastjson (tabs; read leniently here); it is written back as standard
 * JSON, atomically with a `.bak` of the previous file (common/atomic-file.ts). Loading
 * falls back to the `.bak` when the main file is missing, empty or unreadable.
 *
 * The table starts with the groups RocketMQ always creates (BUILT_IN_GROUPS); the file's
 * groups are laid over them. A group not in the table is created with Java's defaults on
 * first use when `autoCreateSubscriptionGroup` is on (default) or the name starts with
 * `CID_RMQ_SYS_`. Every change moves the data version (counter + 1, timestamp = now) and
 * is persisted; `persist()` resolves once the newest table is on disk.
 *
 * Bound: at most `maxGroups` groups; past it an unknown group is refused (26).
 */
import { join } from 'node:path';
import { AtomicFileWriter, readFileOrBackup } from '../../common/atomic-file.js';
import { silentLogger, type Logger } from '../../common/log.js';
import { mapObject } from '../../protocol/bodies/body-json.js';
import { dataVersionJson, type DataVersion } from '../../protocol/bodies/data-version.js';
import {
  subscriptionGroupConfig,
  subscriptionGroupConfigJson,
  type SubscriptionGroupConfig,
} from '../../protocol/bodies/subscription-group-config.js';
import { decodeSubscriptionGroupWrapper, type SubscriptionGroupWrapper } from '../../protocol/bodies/subscription-group-wrapper.js';
import { ResponseCode } from '../../protocol/response-code.js';

/** Groups every 4.9.8 broker has (MixAll): tools, filter server, self test, ONS proxies. */
export const BUILT_IN_GROUPS = [
  'TOOLS_CONSUMER',
  'FILTERSRV_CONSUMER',
  'SELF_TEST_C_GROUP',
  'CID_ONS-HTTP-PROXY',
  'CID_ONSAPI_PULL',
  'CID_ONSAPI_PERMISSION',
  'CID_ONSAPI_OWNER',
] as const;

/** Groups with this prefix are the broker's own and are always created on demand (MixAll.isSysConsumerGroup). */
export const SYSTEM_GROUP_PREFIX = 'CID_RMQ_SYS_';

export const DEFAULT_MAX_SUBSCRIPTION_GROUPS = 100_000;

export function subscriptionGroupPath(storePathRootDir: string): string {
  return join(storePathRootDir, 'config', 'subscriptionGroup.json');
}

export interface SubscriptionGroupManagerOptions {
  storePathRootDir: string;
  /** A value, or a getter read at each look-up (the broker's live setting). */
  autoCreateSubscriptionGroup?: boolean | (() => boolean);
  maxGroups?: number;
  now?: () => number;
  logger?: Logger;
}

export type SubscriptionGroupLookup =
  | { ok: true; config: SubscriptionGroupConfig; created: boolean }
  | { ok: false; responseCode: number; remark: string };

export class SubscriptionGroupManager {
  private readonly table = new Map<string, SubscriptionGroupConfig>();
  private version: DataVersion;
  private readonly writer: AtomicFileWriter;
  private readonly autoCreate: () => boolean;
  private readonly maxGroups: number;
  private readonly now: () => number;
  private readonly logger: Logger;

  constructor(options: SubscriptionGroupManagerOptions) {
    this.writer = new AtomicFileWriter(subscriptionGroupPath(options.storePathRootDir));
    const autoCreate = options.autoCreateSubscriptionGroup ?? true;
    this.autoCreate = typeof autoCreate === 'function' ? autoCreate : () => autoCreate;
    this.maxGroups = options.maxGroups ?? DEFAULT_MAX_SUBSCRIPTION_GROUPS;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.version = { counter: 0, timestamp: this.now() };
    for (const group of BUILT_IN_GROUPS) this.table.set(group, subscriptionGroupConfig(group));
  }

  get path(): string {
    return this.writer.path;
  }

  /** Reads the file (or its `.bak`); a missing file leaves the built-in groups only. */
  load(): void {
    const loaded = readFileOrBackup(this.path, (text) => decodeSubscriptionGroupWrapper(text));
    if (!loaded) return;
    for (const [name, config] of loaded.subscriptionGroupTable) this.table.set(name, config);
    this.version = { ...loaded.dataVersion };
    this.logger.info({ groups: loaded.subscriptionGroupTable.size, path: this.path }, 'subscription groups loaded');
  }

  /** Writes the table now; resolves once it is on disk. */
  persist(): Promise<void> {
    return this.writer.save(this.encode());
  }

  /** The file's text: standard JSON, tab-indented as Java's pretty output. */
  encode(): string {
    const wrapper = {
      dataVersion: dataVersionJson(this.version),
      subscriptionGroupTable: mapObject(this.table, subscriptionGroupConfigJson),
    };
    return JSON.stringify(wrapper, null, '\t');
  }

  get dataVersion(): Readonly<DataVersion> {
    return this.version;
  }

  /** The config of a group, without creating it. */
  find(group: string): Readonly<SubscriptionGroupConfig> | undefined {
    return this.table.get(group);
  }

  /** Java findSubscriptionGroupConfig: the group's config, created with defaults when allowed. */
  findOrCreate(group: string): SubscriptionGroupLookup {
    const known = this.table.get(group);
    if (known) return { ok: true, config: known, created: false };
    if (!this.autoCreate() && !group.startsWith(SYSTEM_GROUP_PREFIX)) {
      return { ok: false, responseCode: ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST, remark: `subscription group [${group}] does not exist` };
    }
    if (this.table.size >= this.maxGroups) {
      return {
        ok: false,
        responseCode: ResponseCode.SUBSCRIPTION_GROUP_NOT_EXIST,
        remark: `subscription group [${group}] cannot be created: this broker already has ${this.table.size} groups (maxGroups)`,
      };
    }
    const config = subscriptionGroupConfig(group);
    this.table.set(group, config);
    this.logger.info({ group }, 'subscription group created automatically');
    this.changed();
    return { ok: true, config, created: true };
  }

  /** UPDATE_AND_CREATE_SUBSCRIPTIONGROUP (200). */
  update(config: SubscriptionGroupConfig): Promise<void> {
    this.table.set(config.groupName, { ...config });
    return this.changed();
  }

  /** DELETE_SUBSCRIPTIONGROUP (207); false when the group did not exist. */
  async delete(group: string): Promise<boolean> {
    if (!this.table.delete(group)) return false;
    await this.changed();
    return true;
  }

  /** Stops a group from consuming (Java disableConsume: version moves, persisted with the next change). */
  disableConsume(group: string): void {
    const config = this.table.get(group);
    if (!config) return;
    config.consumeEnable = false;
    this.nextVersion();
  }

  all(): ReadonlyMap<string, Readonly<SubscriptionGroupConfig>> {
    return this.table;
  }

  /** GET_ALL_SUBSCRIPTIONGROUP_CONFIG (201). */
  wrapper(): SubscriptionGroupWrapper {
    return { subscriptionGroupTable: new Map(this.table), dataVersion: { ...this.version } };
  }

  private changed(): Promise<void> {
    this.nextVersion();
    const saved = this.persist();
    saved.catch((error: unknown) => this.logger.error({ err: (error as Error).message, path: this.path }, 'cannot persist subscription groups'));
    return saved;
  }

  private nextVersion(): void {
    this.version = { ...this.version, counter: this.version.counter + 1, timestamp: this.now() };
  }
}
