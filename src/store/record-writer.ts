/**
 * The put path's record encoder: the same bytes as writeMessageRecord
 * (protocol/message/message-record.ts, which documents the V1 layout), made for one store
 * that appends many records of few hosts and topics:
 * - a host's address bytes and whether it is IPv6 are worked out once per host and port
 *   (HostTable) instead of parsing the IP text for every record;
 * - a topic's UTF-8 bytes are encoded once per topic, and the properties string is written
 *   straight into the log's memory (no buffer of its own);
 * - fields are checked once, when the record is prepared (prepared-record.ts), so that an
 *   invalid message is refused before any commit-log space is reserved for it.
 * Memory: both tables are bounded (cleared past MAX_ENTRIES).
 */
import { writeInt64 } from '../common/int64.js';
import { MESSAGE_MAGIC_CODE_V1, type MessageRecordFields } from '../protocol/message/message-record.js';
import {
  IPV4_SOCKET_ADDRESS_BYTES,
  IPV6_SOCKET_ADDRESS_BYTES,
  isIPv6SocketAddress,
  writeSocketAddress,
  type SocketAddress,
} from '../protocol/message/socket-address.js';

const MAX_ENTRIES = 4096;

/** How one host is written: 8 bytes for IPv4 (IPv4-mapped included), 20 for IPv6. */
export interface HostBytes {
  readonly ipv6: boolean;
  readonly bytes: Buffer;
}

/** Host → HostBytes, by host text and port; bounded. Throws MESSAGE_MALFORMED for a host that is not an IP. */
export class HostTable {
  private readonly byHost = new Map<string, Map<number, HostBytes>>();
  private entries = 0;

  of(address: SocketAddress): HostBytes {
    let ports = this.byHost.get(address.host);
    const known = ports?.get(address.port);
    if (known !== undefined) return known;
    const encoded = encodeHost(address);
    if (this.entries >= MAX_ENTRIES) {
      this.byHost.clear();
      this.entries = 0;
      ports = undefined;
    }
    if (ports === undefined) {
      ports = new Map();
      this.byHost.set(address.host, ports);
    }
    ports.set(address.port, encoded);
    this.entries++;
    return encoded;
  }
}

function encodeHost(address: SocketAddress): HostBytes {
  const ipv6 = isIPv6SocketAddress(address);
  const bytes = Buffer.alloc(ipv6 ? IPV6_SOCKET_ADDRESS_BYTES : IPV4_SOCKET_ADDRESS_BYTES);
  writeSocketAddress(bytes, 0, address, ipv6);
  return { ipv6, bytes };
}

/** Topic → UTF-8 bytes; bounded. */
export class TopicTable {
  private readonly bytes = new Map<string, Buffer>();

  of(topic: string): Buffer {
    let encoded = this.bytes.get(topic);
    if (encoded === undefined) {
      if (this.bytes.size >= MAX_ENTRIES) this.bytes.clear();
      encoded = Buffer.from(topic, 'utf8');
      this.bytes.set(topic, encoded);
    }
    return encoded;
  }
}

/** The values of one record, all checked already (see prepared-record.ts). */
export interface RecordToWrite extends Omit<MessageRecordFields, 'bornHost' | 'storeHost' | 'topic'> {
  size: number;
  /** Host bytes as the record holds them (4-byte IPv4 or 16-byte IPv6, then the port). */
  bornHost: Buffer;
  storeHost: Buffer;
  topic: Buffer;
  /** The encoded properties string (properties.ts) and its length in UTF-8 bytes. */
  properties: string;
  propertiesBytes: number;
}

/** Writes the V1 record at `at` of `target` (which has room for `record.size` bytes). */
export function writeRecord(target: Buffer, at: number, record: RecordToWrite): void {
  target.writeInt32BE(record.size, at);
  target.writeUInt32BE(MESSAGE_MAGIC_CODE_V1, at + 4);
  target.writeInt32BE(record.bodyCrc, at + 8);
  target.writeInt32BE(record.queueId, at + 12);
  target.writeInt32BE(record.flag, at + 16);
  writeInt64(target, record.queueOffset, at + 20);
  writeInt64(target, record.commitLogOffset, at + 28);
  target.writeInt32BE(record.sysFlag, at + 36);
  writeInt64(target, record.bornTimestamp, at + 40);
  let position = at + 48;
  target.set(record.bornHost, position);
  position += record.bornHost.length;
  writeInt64(target, record.storeTimestamp, position);
  target.set(record.storeHost, position + 8);
  position += 8 + record.storeHost.length;
  target.writeInt32BE(record.reconsumeTimes, position);
  writeInt64(target, record.preparedTransactionOffset, position + 4);
  target.writeInt32BE(record.body.length, position + 12);
  target.set(record.body, position + 16);
  position += 16 + record.body.length;
  target[position] = record.topic.length;
  target.set(record.topic, position + 1);
  position += 1 + record.topic.length;
  target.writeInt16BE(record.propertiesBytes, position);
  target.write(record.properties, position + 2, record.propertiesBytes, 'utf8');
}

