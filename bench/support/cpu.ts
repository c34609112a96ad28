/**
 * CPU time of this process and of a child (Linux: /proc/<pid>/stat, utime + stime in clock
 * ticks of 1/100 s), to print a client's CPU per message beside the broker's; and a
 * process's resident memory (/proc/<pid>/status: VmRSS now, VmHWM its peak).
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc times (sysconf(_SC_CLK_TCK); 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU milliseconds `pid` has used (user + system), or null when /proc cannot tell. */
export function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU milliseconds this process has used. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Measures CPU of this process and of `brokerPid` from now until `line(messages)`. */
export class CpuShare {
  private readonly ownStart = ownCpuMs();
  private readonly brokerStart: number | null;

  constructor(private readonly brokerPid: number | null) {
    this.brokerStart = brokerPid === null ? null : processCpuMs(brokerPid);
  }

  /** "CPU per message: client 3.1 µs, broker 2.7 µs (client/broker 1.15)". */
  line(messages: number): string {
    const client = ((ownCpuMs() - this.ownStart) * 1000) / Math.max(1, messages);
    const brokerEnd = this.brokerPid === null ? null : processCpuMs(this.brokerPid);
    if (this.brokerStart === null || brokerEnd === null) return `CPU per message: client ${client.toFixed(1)} µs (broker not measured: with -n, name its process with --broker-pid)`;
    const broker = ((brokerEnd - this.brokerStart) * 1000) / Math.max(1, messages);
    return `CPU per message: client ${client.toFixed(1)} µs, broker ${broker.toFixed(1)} µs (client/broker ${(client / broker).toFixed(2)})`;
  }
}

/** "broker resident memory: 180 MiB now, 210 MiB at its peak", or why it is unknown. */
export function memoryLine(pid: number): string {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return 'broker resident memory: unknown (/proc cannot tell)';
  }
  const mib = (field: string): string => {
    const kib = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1];
    return kib === undefined ? '?' : (Number(kib) / 1024).toFixed(0);
  };
  return `broker resident memory: ${mib('VmRSS')} MiB now, ${mib('VmHWM')} MiB at its peak`;
}
