/**
 * The properties a sent message is stored with (RocketMQ SendMessageProcessor):
 *
 * - the producer's properties, in their order, plus `CLUSTER=<brokerClusterName>`;
 * - single messages: `WAIT=true` (the default) is dropped to save its bytes, as RocketMQ
 *   4.9.8 does; a WAIT that says false is kept (the store reads it to skip the sync-flush
 *   wait, where RocketMQ keeps it beside the stored text);
 * - batch messages: each entry's properties followed by the batch's (its WAIT and CLUSTER),
 *   a batch value winning over an entry's.
 */
import { PropertyKey, decodeProperties, emptyProperties, type MessageProperties } from '../../protocol/message/properties.js';

/** Java Boolean.parseBoolean: "true" in any case. */
export function javaBoolean(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true';
}

/** Properties of a single message as stored. */
export function singleMessageProperties(propertiesText: string | undefined, clusterName: string): MessageProperties {
  const properties = decodeProperties(propertiesText ?? '');
  const wait = properties[PropertyKey.WAIT_STORE_MSG_OK];
  if (wait !== undefined) {
    if (javaBoolean(wait)) delete properties[PropertyKey.WAIT_STORE_MSG_OK];
    else properties[PropertyKey.WAIT_STORE_MSG_OK] = 'false';
  }
  properties[PropertyKey.CLUSTER] = clusterName;
  return properties;
}

/** The batch-level properties (request header `i`) with CLUSTER added. */
export function batchLevelProperties(propertiesText: string | undefined, clusterName: string): MessageProperties {
  const properties = decodeProperties(propertiesText ?? '');
  properties[PropertyKey.CLUSTER] = clusterName;
  return properties;
}

/** An entry's properties followed by the batch-level ones. */
export function batchEntryProperties(entry: MessageProperties, batch: MessageProperties): MessageProperties {
  const merged = emptyProperties();
  for (const name of Object.keys(entry)) merged[name] = entry[name] as string;
  for (const name of Object.keys(batch)) merged[name] = batch[name] as string;
  return merged;
}
