/**
 * The next logical offset of every queue (RocketMQ's topicQueueTable, which Java keys
 * `topic-queueId`), kept per topic and then per queue id so that taking an offset builds
 * no key string.
 * One entry per queue, never per message; rebuilt from the consume queues on start.
 */
export class QueueOffsetTable {
  private readonly next = new Map<string, Map<number, number>>();

  get(topic: string, queueId: number): number {
    return this.next.get(topic)?.get(queueId) ?? 0;
  }

  set(topic: string, queueId: number, nextOffset: number): void {
    this.queuesOf(topic).set(queueId, nextOffset);
  }

  /** Takes `count` offsets and returns the first. */
  take(topic: string, queueId: number, count: number): number {
    const queues = this.queuesOf(topic);
    const first = queues.get(queueId) ?? 0;
    queues.set(queueId, first + count);
    return first;
  }

  deleteTopic(topic: string, queueIds: readonly number[]): void {
    const queues = this.next.get(topic);
    if (queues === undefined) return;
    for (const queueId of queueIds) queues.delete(queueId);
    if (queues.size === 0) this.next.delete(topic);
  }

  private queuesOf(topic: string): Map<number, number> {
    let queues = this.next.get(topic);
    if (queues === undefined) {
      queues = new Map();
      this.next.set(topic, queues);
    }
    return queues;
  }
}
