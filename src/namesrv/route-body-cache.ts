/**
 * Encoded GET_ROUTEINFO_BY_TOPIC answer bodies by topic, so that a look-up is a map hit
 * instead of assembling and serializing the route each time (clients ask for every topic
 * they use every 30 s, and on every start).
 *
 * The whole cache is dropped when anything a route is built from moves: the registry's
 * version, the KV table's version (orderTopicConf), or whether orderTopicConf is served.
 * At most `maxEntries` bodies are kept; past that the cache starts over.
 */

export const DEFAULT_ROUTE_CACHE_ENTRIES = 65_536;

export class RouteBodyCache {
  private readonly bodies = new Map<string, Buffer>();
  private routesVersion = -1;
  private kvVersion = -1;
  private withOrderConf = false;

  constructor(private readonly maxEntries = DEFAULT_ROUTE_CACHE_ENTRIES) {}

  /** Drops every body when one of the inputs changed since the last call. */
  validate(routesVersion: number, kvVersion: number, withOrderConf: boolean): void {
    if (routesVersion === this.routesVersion && kvVersion === this.kvVersion && withOrderConf === this.withOrderConf) return;
    this.bodies.clear();
    this.routesVersion = routesVersion;
    this.kvVersion = kvVersion;
    this.withOrderConf = withOrderConf;
  }

  get(topic: string): Buffer | undefined {
    return this.bodies.get(topic);
  }

  set(topic: string, body: Buffer): void {
    if (this.bodies.size >= this.maxEntries) this.bodies.clear();
    this.bodies.set(topic, body);
  }

  get size(): number {
    return this.bodies.size;
  }
}
