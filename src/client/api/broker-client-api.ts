/**
 * Client registration calls to brokers: HEART_BEAT (34) with the client's groups, and
 * UNREGISTER_CLIENT (35) for one group when it shuts down.
 */
import { encodeHeartbeatData, type HeartbeatData } from '../../protocol/bodies/heartbeat-data.js';
import { UnregisterClientRequestHeader } from '../../protocol/headers/unregister-client-request-header.js';
import { RequestCode } from '../../protocol/request-code.js';
import { checkResponse, headerFields, type ClientRemoting } from './client-remoting.js';

/** Sends a heartbeat; returns the broker's version (the answer's `version`). */
export async function sendHeartbeat(remoting: ClientRemoting, address: string, heartbeat: HeartbeatData, timeoutMs?: number): Promise<number> {
  const response = await remoting.invoke(address, RequestCode.HEART_BEAT, { body: encodeHeartbeatData(heartbeat), timeoutMs });
  return checkResponse(response, address).version;
}

export interface UnregisterGroup {
  producerGroup?: string;
  consumerGroup?: string;
}

export async function unregisterClient(remoting: ClientRemoting, address: string, clientID: string, group: UnregisterGroup, timeoutMs?: number): Promise<void> {
  const extFields = headerFields(UnregisterClientRequestHeader, { clientID, ...group });
  checkResponse(await remoting.invoke(address, RequestCode.UNREGISTER_CLIENT, { extFields, timeoutMs }), address);
}
