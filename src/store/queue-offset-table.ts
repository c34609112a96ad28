/**
 * The next logical offset of every queue (RocketMQ's topicQueueTable, keyed `topic-queueId`).
 * One entry per queue, never per message; rebuilt from the consume queues on start.
 */
export class QueueOffsetTable {
  private readonly next = new Map<string, number>();

  private static key(topic: string, queueId: number): string {
    return `${topic}-${queueId}`;
  }

  get(topic: string, queueId: number): number {
    return this.next.get(QueueOffsetTable.key(topic, queueId)) ?? 0;
  }

  set(topic: string, queueId: number, nextOffset: number): void {
    this.next.set(QueueOffsetTable.key(topic, queueId), nextOffset);
  }

  /** Takes `count` offsets and returns the first. */
  take(topic: string, queueId: number, count: number): number {
    const key = QueueOffsetTable.key(topic, queueId);
    const first = this.next.get(key) ?? 0;
    this.next.set(key, first + count);
    return first;
  }

  deleteTopic(topic: string, queueIds: readonly number[]): void {
    for (const queueId of queueIds) this.next.delete(QueueOffsetTable.key(topic, queueId));
  }
}
