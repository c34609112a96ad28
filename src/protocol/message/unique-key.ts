/**
 * The client unique key (property UNIQ_KEY; Java `SendResult.msgId`), made by the producer
 * before it sends. Bytes, written as upper-case hex (32 chars for IPv4, 56 for IPv6):
 *
 *   4 or 16  client IP
 *   2        low 16 bits of the process id
 *   4        instance hash: any 32-bit value fixed per generator (Java: its class loader's hashCode)
 *   4        ms since the start of the current month (local time), unsigned
 *   2        counter, wrapping at 2^16
 *
 * Example 7F000001 5703 30946E09 79FB1B4E 0000. The broker treats it as opaque. Because
 * the time field is relative to a month, a reader recovers an absolute time only
 * approximately: it assumes the id was made in the current month, or in the previous one
 * if that would put it at or after "now" (Java `getNearlyTimeFromID`).
 *
 * No I/O: the caller supplies the IP, pid, instance hash and clock. Month boundaries come
 * from a MonthCalendar (local time by default, UTC for tests and UTC hosts).
 */
import { RocketMQError } from '../../common/errors.js';
import { formatIp, ipBytesOf } from './socket-address.js';

/** Start of a calendar month: the month containing `epochMs`, moved by `monthsToAdd`. */
export interface MonthCalendar {
  monthStartMs(epochMs: number, monthsToAdd: number): number;
}

export const localCalendar: MonthCalendar = {
  monthStartMs(epochMs, monthsToAdd) {
    const date = new Date(epochMs);
    return new Date(date.getFullYear(), date.getMonth() + monthsToAdd, 1).getTime();
  },
};

export const utcCalendar: MonthCalendar = {
  monthStartMs(epochMs, monthsToAdd) {
    const date = new Date(epochMs);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthsToAdd, 1);
  },
};

export interface UniqueKeyGeneratorOptions {
  /** The client's IP literal (an IPv4-mapped address counts as IPv4). */
  ip: string;
  pid: number;
  /** Any 32-bit value, random per generator. */
  instanceHash: number;
  /** Epoch milliseconds now. */
  clock: () => number;
  calendar?: MonthCalendar;
}

/** How far (ms) the clock may step back before the current month is recomputed (Java: 1000 s). */
const CLOCK_STEP_BACK_TOLERANCE_MS = 1_000_000;

export class UniqueKeyGenerator {
  private readonly prefix: string;
  private readonly clock: () => number;
  private readonly calendar: MonthCalendar;
  private monthStart = 0;
  private nextMonthStart = 0;
  private counter = 0;

  constructor(options: UniqueKeyGeneratorOptions) {
    const ip = ipBytesOf(options.ip);
    const fixed = Buffer.allocUnsafe(ip.length + 6);
    fixed.set(ip, 0);
    fixed.writeUInt16BE(options.pid & 0xffff, ip.length);
    fixed.writeInt32BE(options.instanceHash | 0, ip.length + 2);
    this.prefix = fixed.toString('hex').toUpperCase();
    this.clock = options.clock;
    this.calendar = options.calendar ?? localCalendar;
    this.startMonthAt(this.clock());
  }

  /** A new unique key. */
  next(): string {
    const now = this.clock();
    if (now >= this.nextMonthStart || now < this.monthStart - CLOCK_STEP_BACK_TOLERANCE_MS) this.startMonthAt(now);
    const sinceMonthStart = Math.max(0, now - this.monthStart);
    const counter = this.counter;
    this.counter = (counter + 1) & 0xffff;
    return this.prefix + hex(sinceMonthStart >>> 0, 8) + hex(counter, 4);
  }

  private startMonthAt(epochMs: number): void {
    this.monthStart = this.calendar.monthStartMs(epochMs, 0);
    this.nextMonthStart = this.calendar.monthStartMs(epochMs, 1);
  }
}

export interface UniqueKeyParts {
  ip: string;
  pid: number;
  instanceHash: number;
  msSinceMonthStart: number;
  counter: number;
}

export const UNIQUE_KEY_IPV4_LENGTH = 32;
export const UNIQUE_KEY_IPV6_LENGTH = 56;

/** The fields of a unique key; throws MESSAGE_MALFORMED unless it is 32 or 56 hex digits. */
export function parseUniqueKey(key: string): UniqueKeyParts {
  if ((key.length !== UNIQUE_KEY_IPV4_LENGTH && key.length !== UNIQUE_KEY_IPV6_LENGTH) || !/^[0-9a-fA-F]*$/.test(key)) {
    throw new RocketMQError('MESSAGE_MALFORMED', `unique key ${JSON.stringify(key)} is not 32 or 56 hex digits`);
  }
  const bytes = Buffer.from(key, 'hex');
  const ipLength = bytes.length - 12;
  return {
    ip: formatIp(bytes.subarray(0, ipLength)),
    pid: bytes.readUInt16BE(ipLength),
    instanceHash: bytes.readInt32BE(ipLength + 2),
    msSinceMonthStart: bytes.readUInt32BE(ipLength + 6),
    counter: bytes.readUInt16BE(ipLength + 10),
  };
}

/**
 * The approximate epoch ms at which `key` was made, as seen at `nowMs`: this month's start
 * plus the key's offset, or last month's start if that would not be before `nowMs`.
 */
export function nearlyTimeOfUniqueKey(key: string, nowMs: number, calendar: MonthCalendar = localCalendar): number {
  const { msSinceMonthStart } = parseUniqueKey(key);
  const thisMonth = calendar.monthStartMs(nowMs, 0);
  const monthStart = thisMonth + msSinceMonthStart >= nowMs ? calendar.monthStartMs(nowMs, -1) : thisMonth;
  return monthStart + msSinceMonthStart;
}

function hex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}
