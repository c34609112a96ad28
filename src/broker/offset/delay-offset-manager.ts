/**
 * DelayOffsetManager: how far the schedule service has delivered each delay level — the
 * next SCHEDULE_TOPIC_XXXX queue offset (queue = level − 1) it will look at — persisted in
 * `<storePathRootDir>/config/delayOffset.json` (Java DelayOffsetSerializeWrapper):
 *
 *   {"offsetTable":{1:7,2:7,3:21}}          (keys are delay levels)
 *
 * Java writes integer keys bare (read leniently here); written back as standard JSON,
 * atomically with a `.bak`, only when something changed since the last write. Loading
 * falls back to the `.bak` when the main file is missing, empty or unreadable.
 */
import { join } from 'node:path';
import { ChangeTrackedFile, readFileOrBackup } from '../../common/atomic-file.js';
import { BodyReader, mapObject, same } from '../../protocol/bodies/body-json.js';

export function delayOffsetPath(storePathRootDir: string): string {
  return join(storePathRootDir, 'config', 'delayOffset.json');
}

export function parseDelayOffsetText(text: string): Map<number, number> {
  return BodyReader.parse('DelayOffsetSerializeWrapper', text).object((root) => root.field('offsetTable').intMap((offset) => offset.long()));
}

export class DelayOffsetManager {
  private readonly table = new Map<number, number>();
  private readonly file: ChangeTrackedFile;

  constructor(storePathRootDir: string) {
    this.file = new ChangeTrackedFile(delayOffsetPath(storePathRootDir));
  }

  get path(): string {
    return this.file.path;
  }

  load(): void {
    const loaded = readFileOrBackup(this.path, parseDelayOffsetText);
    if (!loaded) return;
    for (const [level, offset] of loaded) this.table.set(level, offset);
    this.file.loaded();
  }

  async persist(): Promise<void> {
    await this.file.persist(() => this.encode());
  }

  /** The file's text, also the body of GET_ALL_DELAY_OFFSET (45). */
  encode(): string {
    const levels = new Map([...this.table].sort(([a], [b]) => a - b));
    return JSON.stringify({ offsetTable: mapObject(levels, same) }, null, '\t');
  }

  /** The next offset of a level, or undefined when the level has none yet. */
  get(level: number): number | undefined {
    return this.table.get(level);
  }

  set(level: number, offset: number): void {
    if (this.table.get(level) === offset) return;
    this.table.set(level, offset);
    this.file.changed();
  }

  /** level → next offset */
  all(): ReadonlyMap<number, number> {
    return this.table;
  }
}
