/**
 * The round-robin counter behind queue selection (Java `ThreadLocalIndex`): starts at a
 * random value so that producers spread their first sends, and each call returns the next
 * value as a non-negative 31-bit integer.
 */
export class QueueIndex {
  private value: number;

  constructor(start: number = Math.floor(Math.random() * 0x7fffffff)) {
    this.value = start | 0;
  }

  next(): number {
    this.value = (this.value + 1) | 0;
    return this.value & 0x7fffffff;
  }
}
