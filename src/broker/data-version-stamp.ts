/**
 * DataVersionStamp: a changing DataVersion (RocketMQ DataVersion with nextVersion): the
 * version of the topic table and of the broker configuration. Every change bumps the
 * counter and takes the current time; name servers compare versions to see a change.
 */
import type { DataVersion } from '../protocol/bodies/data-version.js';

export class DataVersionStamp {
  private version: DataVersion;

  constructor(
    initial?: DataVersion,
    private readonly now: () => number = Date.now,
  ) {
    this.version = initial ? { ...initial } : { counter: 0, timestamp: now() };
  }

  /** A copy of the current version. */
  get current(): DataVersion {
    return { ...this.version };
  }

  next(): DataVersion {
    this.version = { ...this.version, counter: this.version.counter + 1, timestamp: this.now() };
    return this.current;
  }

  assign(version: DataVersion): void {
    this.version = { ...version };
  }
}
