/**
 * ConsumerOffsetManager: committed consumer offsets (Java ConsumerOffsetManager) —
 * (group, topic, queueId) → the next offset the group will consume — persisted in
 * `<storePathRootDir>/config/consumerOffset.json`:
 *
 *   {"offsetTable":{"TopicA@GroupPartial":{0:350,1:150,2:150,3:100},…}}
 *
 * Keys are `topic@group` (topic and group names cannot hold '@'; a key is split at its
 * first '@'); inner keys are queue ids. Java writes integer keys bare (fastjson, read
 * leniently here); the file is written back as standard JSON, atomically with a `.bak`.
 * Loading falls back to the `.bak` when the main file is missing, empty or unreadable.
 *
 * In memory: group → topic → queueId → offset, so the admin look-ups (offsets of a group,
 * topics of a group) need no scan; groups of a topic scan the groups.
 *
 * Writes: UPDATE_CONSUMER_OFFSET (15) and the pull's piggy-backed commit overwrite the
 * offset (a lower one too, as Java does). `persist()` — the broker calls it every 5 s and
 * at stop — writes only when something changed since the last write.
 *
 * Bound: at most `maxTopicGroups` (topic, group) pairs; a commit that would add one more
 * is refused (returns false) and logged.
 */
import { join } from 'node:path';
import { ChangeTrackedFile, readFileOrBackup } from '../../common/atomic-file.js';
import { silentLogger, type Logger } from '../../common/log.js';
import { mapObject, same } from '../../protocol/bodies/body-json.js';
import {
  decodeConsumerOffsetSerializeWrapper,
  topicAtGroup,
  type ConsumerOffsetSerializeWrapper,
} from '../../protocol/bodies/consumer-offset-serialize-wrapper.js';

export const DEFAULT_MAX_TOPIC_GROUPS = 500_000;

export function consumerOffsetPath(storePathRootDir: string): string {
  return join(storePathRootDir, 'config', 'consumerOffset.json');
}

export interface ConsumerOffsetManagerOptions {
  storePathRootDir: string;
  maxTopicGroups?: number;
  logger?: Logger;
}

type QueueOffsets = Map<number, number>;

export class ConsumerOffsetManager {
  /** group → topic → queueId → offset */
  private readonly table = new Map<string, Map<string, QueueOffsets>>();
  private readonly file: ChangeTrackedFile;
  private readonly maxTopicGroups: number;
  private readonly logger: Logger;
  private pairs = 0;

  constructor(options: ConsumerOffsetManagerOptions) {
    this.file = new ChangeTrackedFile(consumerOffsetPath(options.storePathRootDir));
    this.maxTopicGroups = options.maxTopicGroups ?? DEFAULT_MAX_TOPIC_GROUPS;
    this.logger = options.logger ?? silentLogger;
  }

  get path(): string {
    return this.file.path;
  }

  // --- persistence -------------------------------------------------------------------------

  /** Reads the file (or its `.bak`); a missing file means no offsets. */
  load(): void {
    const loaded = readFileOrBackup(this.path, (text) => decodeConsumerOffsetSerializeWrapper(text));
    if (!loaded) return;
    for (const [key, queues] of loaded.offsetTable) {
      const at = key.indexOf('@');
      if (at <= 0 || at === key.length - 1) {
        this.logger.warn({ key, path: this.path }, 'consumer offset key is not topic@group; skipped');
        continue;
      }
      const offsets = this.offsetsFor(key.slice(at + 1), key.slice(0, at), true) as QueueOffsets;
      for (const [queueId, offset] of queues) offsets.set(queueId, offset);
    }
    this.file.loaded();
  }

  /** Writes the table if it changed since the last write; resolves once it is on disk. */
  async persist(): Promise<void> {
    await this.file.persist(() => this.encode());
  }

  /** The file's text: standard JSON, tab-indented as Java's pretty output. */
  encode(): string {
    return JSON.stringify({ offsetTable: mapObject(this.wrapper().offsetTable, (queues) => mapObject(queues, same)) }, null, '\t');
  }

  /** GET_ALL_CONSUMER_OFFSET (43): the table keyed by `topic@group`. */
  wrapper(): ConsumerOffsetSerializeWrapper {
    const offsetTable = new Map<string, Map<number, number>>();
    for (const [group, topics] of this.table) {
      for (const [topic, queues] of topics) offsetTable.set(topicAtGroup(topic, group), new Map(queues));
    }
    return { offsetTable };
  }

  // --- commit and query --------------------------------------------------------------------

  /** Stores the group's offset of a queue; false when the table is full (bound reached). */
  commitOffset(group: string, topic: string, queueId: number, offset: number): boolean {
    const offsets = this.offsetsFor(group, topic, this.pairs < this.maxTopicGroups);
    if (!offsets) {
      this.logger.warn({ group, topic, maxTopicGroups: this.maxTopicGroups }, 'consumer offset table is full; commit refused');
      return false;
    }
    offsets.set(queueId, offset);
    this.file.changed();
    return true;
  }

  /** The committed offset, or -1 when the group has none for that queue (Java queryOffset). */
  queryOffset(group: string, topic: string, queueId: number): number {
    return this.table.get(group)?.get(topic)?.get(queueId) ?? -1;
  }

  /** queueId → offset of a group on a topic. */
  offsetsOf(group: string, topic: string): ReadonlyMap<number, number> | undefined {
    return this.table.get(group)?.get(topic);
  }

  /** topic → queueId → offset: everything a group has committed (consume stats of mqadmin). */
  offsetsOfGroup(group: string): ReadonlyMap<string, ReadonlyMap<number, number>> {
    return this.table.get(group) ?? new Map();
  }

  /** Topics a group has offsets for (Java whichTopicByConsumer). */
  topicsOfGroup(group: string): string[] {
    return [...(this.table.get(group)?.keys() ?? [])];
  }

  /** Groups with offsets on a topic (Java whichGroupByTopic; QUERY_TOPIC_CONSUME_BY_WHO). */
  groupsOfTopic(topic: string): string[] {
    const groups: string[] = [];
    for (const [group, topics] of this.table) if (topics.has(topic)) groups.push(group);
    return groups;
  }

  groupNames(): string[] {
    return [...this.table.keys()];
  }

  /** (topic, group) pairs held. */
  get size(): number {
    return this.pairs;
  }

  /**
   * QUERY_CORRECTION_OFFSET: per queue, the smallest offset of the groups on `topic`
   * (except `filterGroups`, comma-separated) that is still ≥ the queue's min offset.
   */
  queryMinOffsetInAllGroup(topic: string, filterGroups: string, minOffsetInQueue: (queueId: number) => number): Map<number, number> {
    const excluded = new Set(filterGroups.split(',').filter((group) => group.trim() !== ''));
    const result = new Map<number, number>();
    for (const [group, topics] of this.table) {
      if (excluded.has(group)) continue;
      for (const [queueId, offset] of topics.get(topic) ?? []) {
        if (offset < minOffsetInQueue(queueId)) continue;
        result.set(queueId, Math.min(offset, result.get(queueId) ?? Number.MAX_SAFE_INTEGER));
      }
    }
    return result;
  }

  // --- changes by admin --------------------------------------------------------------------

  /** CLONE_GROUP_OFFSET: `destGroup` gets a copy of `srcGroup`'s offsets on `topic`. */
  cloneOffset(srcGroup: string, destGroup: string, topic: string): boolean {
    const source = this.table.get(srcGroup)?.get(topic);
    if (!source) return false;
    const target = this.offsetsFor(destGroup, topic, this.pairs < this.maxTopicGroups);
    if (!target) return false;
    target.clear();
    for (const [queueId, offset] of source) target.set(queueId, offset);
    this.file.changed();
    return true;
  }

  /** Removes every offset of a group (DELETE_SUBSCRIPTIONGROUP with cleanOffset). */
  deleteGroup(group: string): boolean {
    const topics = this.table.get(group);
    if (!topics) return false;
    this.pairs -= topics.size;
    this.table.delete(group);
    this.file.changed();
    return true;
  }

  /** Removes every group's offsets of a topic (DELETE_TOPIC_IN_BROKER). */
  deleteTopic(topic: string): number {
    let removed = 0;
    for (const [group, topics] of this.table) {
      if (!topics.delete(topic)) continue;
      removed++;
      if (topics.size === 0) this.table.delete(group);
    }
    this.pairs -= removed;
    if (removed > 0) this.file.changed();
    return removed;
  }

  /** Removes a group's offsets of one topic. */
  deleteOffset(group: string, topic: string): boolean {
    const topics = this.table.get(group);
    if (!topics?.delete(topic)) return false;
    if (topics.size === 0) this.table.delete(group);
    this.pairs--;
    this.file.changed();
    return true;
  }

  private offsetsFor(group: string, topic: string, create: boolean): QueueOffsets | undefined {
    let topics = this.table.get(group);
    const known = topics?.get(topic);
    if (known || !create) return known;
    if (!topics) {
      topics = new Map();
      this.table.set(group, topics);
    }
    const offsets: QueueOffsets = new Map();
    topics.set(topic, offsets);
    this.pairs++;
    return offsets;
  }
}
