/**
 * This host's IP address for the clientId and for message unique keys, chosen as the Java
 * client chooses it: a non-loopback IPv4 address, preferring one outside 127.0/192.168;
 * else a non-loopback IPv6 address; else 127.0.0.1. The one place the client asks the
 * operating system about its network.
 */
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export function localAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string {
  const ipv4: string[] = [];
  const ipv6: string[] = [];
  for (const infos of Object.values(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal || isLoopback(info.address)) continue;
      if (info.family === 'IPv4') ipv4.push(info.address);
      else if (!info.address.startsWith('fe80')) ipv6.push(info.address.replace(/%.*$/, ''));
    }
  }
  const preferred = ipv4.find((ip) => !ip.startsWith('127.0') && !ip.startsWith('192.168'));
  return preferred ?? ipv4[ipv4.length - 1] ?? ipv6[0] ?? '127.0.0.1';
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}
