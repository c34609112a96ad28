/**
 * Which consume queues the two operator clean-ups remove (RocketMQ 4.9.8
 * DefaultMessageStore.cleanExpiredConsumerQueue and cleanUnusedTopic), as pure rules; the
 * stores apply them to their queue tables.
 *
 * - Expired queue (CLEAN_EXPIRED_CONSUMEQUEUE): every message it points to lies below the
 *   commit log's first byte, i.e. the end of its last message unit is below the log's
 *   min offset. A queue without any message unit (end -1, "maybe created just now") is
 *   kept, and so is every queue of SCHEDULE_TOPIC_XXXX.
 * - Unused topic (CLEAN_UNUSED_TOPIC, DELETE_TOPIC_IN_BROKER): its name is not in the
 *   broker's topic table; SCHEDULE_TOPIC_XXXX, RMQ_SYS_TRANS_OP_HALF_TOPIC and light
 *   message queues (`%LMQ%…`) are kept whatever the table says.
 */
import { SCHEDULE_TOPIC } from '../dispatch-request.js';

const TRANS_OP_HALF_TOPIC = 'RMQ_SYS_TRANS_OP_HALF_TOPIC';
const LMQ_PREFIX = '%LMQ%';

/** True when a queue of `topic` whose last message ends at `maxPhysicOffset` (-1: none) has only deleted messages. */
export function isExpiredQueue(topic: string, maxPhysicOffset: number, minCommitLogOffset: number): boolean {
  if (topic === SCHEDULE_TOPIC || maxPhysicOffset === -1) return false;
  return maxPhysicOffset < minCommitLogOffset;
}

/** True when the queues of `topic` go because the topic table no longer has it. */
export function isUnusedTopic(topic: string, topicsInUse: ReadonlySet<string>): boolean {
  if (topicsInUse.has(topic)) return false;
  return topic !== SCHEDULE_TOPIC && topic !== TRANS_OP_HALF_TOPIC && !topic.startsWith(LMQ_PREFIX);
}
