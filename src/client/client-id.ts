/**
 * The client id a client instance announces in heartbeats and that consumers sort for
 * rebalancing: `ip@instanceName[@unitName]`. An instance name left at `DEFAULT` becomes
 * `<pid>#<nanoseconds>`, as the 4.9.8 Java client makes it, so that every client instance
 * of a process has its own id.
 */
import { DEFAULT_INSTANCE_NAME } from './client-config.js';

export function effectiveInstanceName(instanceName: string, pid: number, nanoTime: bigint): string {
  return instanceName === DEFAULT_INSTANCE_NAME ? `${pid}#${nanoTime}` : instanceName;
}

export function buildClientId(ip: string, instanceName: string, unitName?: string): string {
  const id = `${ip}@${instanceName}`;
  return unitName ? `${id}@${unitName}` : id;
}
