/**
 * clusterTest mode: a topic this name server does not know is looked up on the name
 * servers of the production environment, as RocketMQ's ClusterTestRequestProcessor does
 * through an admin client. Those name servers are taken where the Java admin client takes
 * them: $NAMESRV_ADDR (`host:port;host:port`). This server's own address is skipped so that
 * a look-up never asks itself.
 */
import { decodeTopicRouteData, type TopicRouteData } from '../protocol/bodies/topic-route-data.js';
import { GetRouteInfoRequestHeader } from '../protocol/headers/get-route-info-request-header.js';
import { RequestCode } from '../protocol/request-code.js';
import { ResponseCode } from '../protocol/response-code.js';
import type { RemotingClient } from '../remoting/client.js';
import { createRequest } from '../remoting/remoting-command.js';

export function productEnvAddresses(namesrvAddr: string | undefined, ownAddress: string): string[] {
  return (namesrvAddr ?? '')
    .split(';')
    .map((address) => address.trim())
    .filter((address) => address !== '' && address !== ownAddress);
}

/** The route from the first production name server that knows the topic, or null. */
export async function lookUpRoute(client: RemotingClient, addresses: readonly string[], topic: string): Promise<TopicRouteData | null> {
  for (const address of addresses) {
    const request = createRequest(RequestCode.GET_ROUTEINFO_BY_TOPIC, {
      extFields: GetRouteInfoRequestHeader.encode({ topic, acceptStandardJsonOnly: true }),
    });
    try {
      const response = await client.invoke(address, request);
      if (response.code === ResponseCode.SUCCESS && response.body) return decodeTopicRouteData(response.body);
    } catch {
      // try the next name server
    }
  }
  return null;
}
