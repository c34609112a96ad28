/**
 * The name server's live configuration, as GET_NAMESRV_CONFIG shows it and
 * UPDATE_NAMESRV_CONFIG changes it (RocketMQ Configuration):
 *
 * - shown: every setting, then the other properties of the -c file, as properties text;
 * - updated: settings take their new typed value at once (orderMessageEnable applies to
 *   the next route look-up; listenPort, bindAddress and the scan interval on the next
 *   start); other keys are kept only when the -c file had them; unknown keys are
 *   ignored; a key in the black list refuses the whole update;
 * - persisted: after an update, everything is written to `configStorePath` (atomically).
 */
import { formatProperties } from '../common/properties-file.js';
import { writeFileAtomically } from '../common/atomic-file.js';
import type { ConfigUpdateOutcome } from '../remoting/config-update-answer.js';
import {
  ALWAYS_BLACKLISTED,
  isNamesrvSetting,
  namesrvConfigEntries,
  namesrvSettingsFromProperties,
  type NamesrvConfig,
} from './namesrv-config.js';


export class NamesrvConfiguration {
  private readonly extras: Map<string, string>;

  constructor(
    readonly config: NamesrvConfig,
    extras: ReadonlyMap<string, string> = new Map(),
    private readonly persistTo: (path: string, text: string) => void = writeFileAtomically,
  ) {
    this.extras = new Map([...extras].filter(([key]) => !isNamesrvSetting(key)));
  }

  /** Every setting and extra property as properties text. */
  format(): string {
    return formatProperties([...namesrvConfigEntries(this.config), ...this.extras]);
  }

  update(properties: ReadonlyMap<string, string>): ConfigUpdateOutcome {
    const blacklisted = this.blackList();
    const refused = [...properties.keys()].filter((key) => blacklisted.has(key));
    if (refused.length > 0) return { ok: false, reason: 'blacklisted', keys: refused };
    const { settings, errors } = namesrvSettingsFromProperties(properties);
    if (errors.length > 0) return { ok: false, reason: 'invalid', errors };
    Object.assign(this.config, settings);
    for (const [key, value] of properties) if (this.extras.has(key)) this.extras.set(key, value);
    this.persistTo(this.config.configStorePath, this.format());
    return { ok: true };
  }

  private blackList(): Set<string> {
    const listed = this.config.configBlackList.split(';').map((key) => key.trim());
    return new Set([...ALWAYS_BLACKLISTED, ...listed.filter((key) => key !== '')]);
  }
}
