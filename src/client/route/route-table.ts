/**
 * RouteTable: the topic routes a client instance has fetched, keyed by topic. Bounded: when
 * full, storing a new topic forgets the one stored longest ago (it is fetched again when
 * used). `sameRoute` compares routes ignoring the order of their lists, as Java's
 * `topicRouteDataIsChange` does after sorting.
 */
import { encodeTopicRouteData, type TopicRouteData } from '../../protocol/bodies/topic-route-data.js';
import { ClientLimits } from '../client-limits.js';

export class RouteTable {
  private readonly routes = new Map<string, TopicRouteData>();

  constructor(private readonly maxTopics: number = ClientLimits.maxRouteTopics) {}

  get(topic: string): TopicRouteData | undefined {
    return this.routes.get(topic);
  }

  set(topic: string, route: TopicRouteData): void {
    this.routes.delete(topic);
    if (this.routes.size >= this.maxTopics) {
      const oldest = this.routes.keys().next();
      if (!oldest.done) this.routes.delete(oldest.value);
    }
    this.routes.set(topic, route);
  }

  delete(topic: string): void {
    this.routes.delete(topic);
  }

  topics(): string[] {
    return [...this.routes.keys()];
  }

  /** Every broker address any cached route mentions. */
  addressesInUse(): Set<string> {
    const addresses = new Set<string>();
    for (const route of this.routes.values()) {
      for (const broker of route.brokerDatas) for (const address of broker.brokerAddrs.values()) addresses.add(address);
    }
    return addresses;
  }
}

export function sameRoute(a: TopicRouteData | undefined, b: TopicRouteData): boolean {
  return a !== undefined && canonical(a) === canonical(b);
}

function canonical(route: TopicRouteData): string {
  const byName = <T extends { brokerName: string }>(x: T, y: T): number => (x.brokerName < y.brokerName ? -1 : x.brokerName > y.brokerName ? 1 : 0);
  const sorted: TopicRouteData = { ...route, queueDatas: [...route.queueDatas].sort(byName), brokerDatas: [...route.brokerDatas].sort(byName) };
  return encodeTopicRouteData(sorted).toString('utf8');
}
