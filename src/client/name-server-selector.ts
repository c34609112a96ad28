/**
 * Which name server to ask: the client sticks to one address until a request to it fails
 * at the transport level, then moves to the next one in the list (round robin), as the
 * Java client's remoting layer does. The starting position is random so that clients
 * spread over the name servers; tests inject it.
 */
export class NameServerSelector {
  private addresses: readonly string[];
  private index: number;
  private chosen: string | undefined;

  constructor(addresses: readonly string[], startIndex = Math.floor(Math.random() * 1024)) {
    this.addresses = [...addresses];
    this.index = startIndex;
  }

  get all(): readonly string[] {
    return this.addresses;
  }

  /** The address to use now; undefined when the list is empty. */
  current(): string | undefined {
    if (this.chosen === undefined && this.addresses.length > 0) this.chosen = this.addresses[this.index % this.addresses.length];
    return this.chosen;
  }

  /** Records that a request to `address` failed: the next call moves on if it was the chosen one. */
  failed(address: string): void {
    if (address !== this.current()) return;
    this.chosen = undefined;
    this.index = (this.index + 1) % Math.max(1, this.addresses.length);
  }

  /** Replaces the list; keeps the chosen address when it is still in it. */
  update(addresses: readonly string[]): void {
    this.addresses = [...addresses];
    if (this.chosen !== undefined && !this.addresses.includes(this.chosen)) this.chosen = undefined;
  }
}
