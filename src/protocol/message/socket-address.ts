/**
 * Born and store hosts of a message: an IP address and a port.
 *
 * Bytes (big-endian), as in a message record and an offset message id:
 *   IPv4:  4 address bytes + int32 port   =  8 bytes
 *   IPv6: 16 address bytes + int32 port   = 20 bytes
 *
 * Text: `host:port`, split at the last colon; an IPv6 host may be written in brackets
 * (`[::1]:10911`) or without them (`::1:10911`, as Java prints it). Parsed hosts are kept
 * in canonical form: dotted decimal for IPv4, RFC 5952 lower-case compressed for IPv6.
 *
 * Invariants: an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) is an IPv4 address — it is
 * shown as `1.2.3.4` and stored in 4 bytes (Java's `InetAddress.getByAddress` does the
 * same). A zone suffix (`fe80::1%eth0`) is dropped, since the bytes cannot carry it. The
 * port is 0..65535. Only IP literals are hosts here; names are resolved elsewhere.
 * Decoded addresses may be shared between records (IPv4SocketAddresses) and are frozen:
 * never modify one, make a new object instead.
 */
import { RocketMQError } from '../../common/errors.js';

export interface SocketAddress {
  host: string;
  port: number;
}

export const IPV4_SOCKET_ADDRESS_BYTES = 8;
export const IPV6_SOCKET_ADDRESS_BYTES = 20;
const PORT_BYTES = 4;
const MAX_PORT = 65535;

/** Parses `host:port` text; throws MESSAGE_MALFORMED when it is not an IP literal and a port. */
export function parseSocketAddress(text: string): SocketAddress {
  const colonAt = text.lastIndexOf(':');
  const portText = text.slice(colonAt + 1);
  if (colonAt <= 0 || !/^\d{1,5}$/.test(portText)) {
    throw malformed(`socket address ${JSON.stringify(text)} is not "ip:port"`);
  }
  let hostText = text.slice(0, colonAt);
  if (hostText.startsWith('[') && hostText.endsWith(']')) hostText = hostText.slice(1, -1);
  const port = Number(portText);
  checkPort(port, text);
  return { host: formatIp(ipBytesOf(hostText)), port };
}

/** `host:port` (IPv6 hosts without brackets, as Java prints them). */
export function formatSocketAddress(address: SocketAddress): string {
  return `${address.host}:${address.port}`;
}

/** Whether `address` needs the 16-byte form (an IPv4-mapped address does not). */
export function isIPv6SocketAddress(address: SocketAddress): boolean {
  return ipBytesOf(address.host).length === 16;
}

/** Bytes `address` takes in a record: 8 for IPv4, 20 for IPv6. */
export function socketAddressByteLength(address: SocketAddress): number {
  return ipBytesOf(address.host).length + PORT_BYTES;
}

/**
 * Writes `address` at `offset` and returns the offset after it. `ipv6Slot` chooses the
 * 20-byte form (default: whatever the address needs); an IPv4 address in an IPv6 slot is
 * written IPv4-mapped, an IPv6 address in an IPv4 slot is an error.
 */
export function writeSocketAddress(target: Buffer, offset: number, address: SocketAddress, ipv6Slot?: boolean): number {
  const ip = ipBytesOf(address.host);
  checkPort(address.port, formatSocketAddress(address));
  const slotIsIPv6 = ipv6Slot ?? ip.length === 16;
  if (ip.length === 16 && !slotIsIPv6) {
    throw malformed(`IPv6 host ${address.host} cannot be written in a 4-byte IPv4 slot`);
  }
  let position = offset;
  if (slotIsIPv6 && ip.length === 4) {
    target.fill(0, position, position + 10);
    target.fill(0xff, position + 10, position + 12);
    position += 12;
  }
  target.set(ip, position);
  position += ip.length;
  target.writeInt32BE(address.port, position);
  return position + PORT_BYTES;
}

/** Reads an 8-byte (IPv4) or 20-byte (IPv6) address at `offset`. */
export function readSocketAddress(source: Buffer, offset: number, ipv6: boolean): SocketAddress {
  const ipLength = ipv6 ? 16 : 4;
  if (offset < 0 || offset + ipLength + PORT_BYTES > source.length) {
    throw malformed(`socket address at ${offset} runs past the end of the data (${source.length} bytes)`);
  }
  const port = source.readInt32BE(offset + ipLength);
  const host = formatIp(source.subarray(offset, offset + ipLength));
  checkPort(port, `${host}:${port}`);
  return { host, port };
}

/**
 * The IPv4 addresses a decoder meets, one frozen SocketAddress per distinct IP and port:
 * the records of one broker share a store host and those of one producer a born host, so
 * decoding them makes no new object or string. The last address read is checked first;
 * others come from a table of at most `capacity` addresses, emptied when full.
 */
export class IPv4SocketAddresses {
  private lastKey = -1;
  private last: SocketAddress | null = null;
  private readonly table = new Map<number, SocketAddress>();

  constructor(private readonly capacity = 256) {}

  /** The address with IPv4 bytes `ip` (as an unsigned int32) and `port` (0..65535). */
  of(ip: number, port: number): SocketAddress {
    const key = ip * 0x1_0000 + port;
    if (key === this.lastKey && this.last !== null) return this.last;
    let address = this.table.get(key);
    if (address === undefined) {
      address = Object.freeze({ host: `${ip >>> 24}.${(ip >>> 16) & 0xff}.${(ip >>> 8) & 0xff}.${ip & 0xff}`, port });
      if (this.table.size >= this.capacity) this.table.clear();
      this.table.set(key, address);
    }
    this.lastKey = key;
    this.last = address;
    return address;
  }

  /**
   * Reads the 8-byte IPv4 address at `offset` (which must lie inside `source`), or answers
   * undefined when its port is outside 0..65535 (readSocketAddress says why).
   */
  read(source: Buffer, offset: number): SocketAddress | undefined {
    const port = source.readInt32BE(offset + 4);
    if (port < 0 || port > MAX_PORT) return undefined;
    return this.of(source.readUInt32BE(offset), port);
  }
}

/**
 * The address bytes of an IP literal: 4 for IPv4 (and IPv4-mapped IPv6), 16 for IPv6.
 * The result is shared by a small memo: do not modify it.
 */
export function ipBytesOf(host: string): Uint8Array {
  let bytes = ipBytesMemo.get(host);
  if (bytes === undefined) {
    bytes = parseIp(host);
    if (ipBytesMemo.size >= IP_MEMO_CAPACITY) ipBytesMemo.clear();
    ipBytesMemo.set(host, bytes);
  }
  return bytes;
}

/** The canonical text of 4 or 16 address bytes (an IPv4-mapped address prints as IPv4). */
export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return formatIPv4(bytes, 0);
  if (bytes.length === 16) return isIPv4Mapped(bytes) ? formatIPv4(bytes, 12) : formatIPv6(bytes);
  throw malformed(`an IP address has 4 or 16 bytes, not ${bytes.length}`);
}

const IP_MEMO_CAPACITY = 256;
const ipBytesMemo = new Map<string, Uint8Array>();

function parseIp(host: string): Uint8Array {
  const bytes = host.includes(':') ? parseIPv6(host) : parseIPv4(host);
  if (bytes === undefined) throw malformed(`host ${JSON.stringify(host)} is not an IP address`);
  return bytes.length === 16 && isIPv4Mapped(bytes) ? bytes.slice(12) : bytes;
}

function parseIPv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (let index = 0; index < 4; index++) {
    const part = parts[index] ?? '';
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    bytes[index] = Number(part);
  }
  return bytes;
}

function parseIPv6(text: string): Uint8Array | undefined {
  const zoneAt = text.indexOf('%');
  let body = zoneAt >= 0 ? text.slice(0, zoneAt) : text;
  let embeddedIPv4: Uint8Array | undefined;
  const lastColon = body.lastIndexOf(':');
  if (body.includes('.', lastColon)) {
    embeddedIPv4 = parseIPv4(body.slice(lastColon + 1));
    if (embeddedIPv4 === undefined) return undefined;
    body = `${body.slice(0, lastColon + 1)}0:0`;
  }
  const groups = ipv6Groups(body);
  if (groups === undefined) return undefined;
  const bytes = new Uint8Array(16);
  groups.forEach((group, index) => {
    bytes[index * 2] = group >>> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  if (embeddedIPv4 !== undefined) bytes.set(embeddedIPv4, 12);
  return bytes;
}

/** The eight 16-bit groups of IPv6 text without an embedded IPv4 part. */
function ipv6Groups(body: string): number[] | undefined {
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const head = parseHexGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseHexGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
}

function parseHexGroups(text: string): number[] | undefined {
  if (text.length === 0) return [];
  const groups: number[] = [];
  for (const group of text.split(':')) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    groups.push(parseInt(group, 16));
  }
  return groups;
}

function isIPv4Mapped(bytes: Uint8Array): boolean {
  for (let index = 0; index < 10; index++) if (bytes[index] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

function formatIPv4(bytes: Uint8Array, from: number): string {
  return `${bytes[from]}.${bytes[from + 1]}.${bytes[from + 2]}.${bytes[from + 3]}`;
}

/** RFC 5952: lower-case hex, no leading zeros, the first longest run of ≥ 2 zero groups as `::`. */
function formatIPv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let index = 0; index < 16; index += 2) groups.push(((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0));
  const run = longestZeroRun(groups);
  const hex = (part: number[]) => part.map((group) => group.toString(16)).join(':');
  if (run.length < 2) return hex(groups);
  return `${hex(groups.slice(0, run.start))}::${hex(groups.slice(run.start + run.length))}`;
}

function longestZeroRun(groups: number[]): { start: number; length: number } {
  let best = { start: 0, length: 0 };
  let start = -1;
  for (let index = 0; index <= groups.length; index++) {
    if (index < groups.length && groups[index] === 0) {
      if (start < 0) start = index;
    } else if (start >= 0) {
      if (index - start > best.length) best = { start, length: index - start };
      start = -1;
    }
  }
  return best;
}

function checkPort(port: number, where: string): void {
  if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) {
    throw malformed(`port of ${where} is not in 0..${MAX_PORT}`);
  }
}

function malformed(message: string): RocketMQError {
  return new RocketMQError('MESSAGE_MALFORMED', message);
}
