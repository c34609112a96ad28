/**
 * The broker's live configuration, as GET_BROKER_CONFIG shows it and UPDATE_BROKER_CONFIG
 * changes it (RocketMQ Configuration):
 *
 * - shown: every setting, then the other properties of the -c file, as properties text,
 *   with the configuration's DataVersion (bumped by every update);
 * - updated: a key of the black list (configBlackList, plus configBlackList,
 *   brokerConfigPath and rocketmqHome always) refuses the whole update; values must parse
 *   as their setting's type; settings take their new value at once (see docs/broker.md for
 *   which ones act at once and which on the next start); unknown keys are kept as extras;
 * - persisted: after an update, everything is written to `brokerConfigPath` (atomically,
 *   with a .bak).
 */
import { writeFileAtomically } from '../common/atomic-file.js';
import { formatProperties } from '../common/properties-file.js';
import type { DataVersion } from '../protocol/bodies/data-version.js';
import { ALWAYS_BLACKLISTED, brokerConfigEntries, brokerSettingsFromProperties, isBrokerSetting, type BrokerConfig } from './broker-config.js';
import { DataVersionStamp } from './data-version-stamp.js';

export type BrokerConfigUpdateOutcome =
  | { ok: true; changed: (keyof BrokerConfig)[] }
  | { ok: false; reason: 'blacklisted'; keys: string[] }
  | { ok: false; reason: 'invalid'; errors: string[] };

export class BrokerConfiguration {
  private readonly extras: Map<string, string>;
  private readonly version = new DataVersionStamp();
  private readonly listeners: ((changed: (keyof BrokerConfig)[]) => void)[] = [];

  constructor(
    readonly config: BrokerConfig,
    extras: ReadonlyMap<string, string> = new Map(),
    private readonly persistTo: (path: string, text: string) => void = writeFileAtomically,
  ) {
    this.extras = new Map([...extras].filter(([key]) => !isBrokerSetting(key)));
  }

  get dataVersion(): DataVersion {
    return this.version.current;
  }

  /** Every setting and extra property as properties text. */
  format(): string {
    return formatProperties([...brokerConfigEntries(this.config), ...this.extras]);
  }

  /** Calls `listener` with the settings an update changed. */
  onChange(listener: (changed: (keyof BrokerConfig)[]) => void): void {
    this.listeners.push(listener);
  }

  update(properties: ReadonlyMap<string, string>): BrokerConfigUpdateOutcome {
    const blacklisted = this.blackList();
    const refused = [...properties.keys()].filter((key) => blacklisted.has(key));
    if (refused.length > 0) return { ok: false, reason: 'blacklisted', keys: refused };
    const { settings, errors, unknown } = brokerSettingsFromProperties(properties);
    if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
    const changed = Object.keys(settings) as (keyof BrokerConfig)[];
    Object.assign(this.config, settings);
    for (const key of unknown) this.extras.set(key, properties.get(key) ?? '');
    this.version.next();
    this.persistTo(this.config.brokerConfigPath, this.format());
    for (const listener of this.listeners) listener(changed);
    return { ok: true, changed };
  }

  private blackList(): Set<string> {
    const listed = this.config.configBlackList.split(';').map((key) => key.trim());
    return new Set<string>([...ALWAYS_BLACKLISTED, ...listed.filter((key) => key !== '')]);
  }
}
