/**
 * The SEND_MESSAGE_V2 / SEND_BATCH_MESSAGE header of the benchmarks' raw senders, with the
 * Java client's single-letter field names (a producer group, b topic, c default topic,
 * d default queue count, e queue id, f sysFlag, g born time, h flag, i properties,
 * j reconsume times, k unit mode, m batch, n broker name).
 */
import { encodeProperties, type MessageProperties } from '../../src/protocol/message/properties.js';

export interface BenchSend {
  producerGroup: string;
  topic: string;
  queueId: number;
  properties: MessageProperties;
  batch?: boolean;
  brokerName?: string;
}

export function sendHeader(send: BenchSend): Record<string, string> {
  const fields: Record<string, string> = {
    a: send.producerGroup,
    b: send.topic,
    c: 'TBW102',
    d: '4',
    e: String(send.queueId),
    f: '0',
    g: String(Date.now()),
    h: '0',
    i: encodeProperties(send.properties),
    j: '0',
    k: 'false',
    m: String(send.batch === true),
  };
  if (send.brokerName !== undefined) fields['n'] = send.brokerName;
  return fields;
}
