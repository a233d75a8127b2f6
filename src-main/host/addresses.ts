import { networkInterfaces } from 'node:os';

/**
 * The laptop's IPv4 addresses that phones on the venue network could reach, most likely first
 * (private ranges before others). Loopback is offered only when there is nothing else.
 */
export function lanAddresses(): string[] {
  const found: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const ni of list ?? []) {
      if (ni.family === 'IPv4' && !ni.internal) found.push(ni.address);
    }
  }
  const rank = (a: string) => (/^(192\.168|10)\./.test(a) ? 0 : /^172\.(1[6-9]|2\d|3[01])\./.test(a) ? 1 : 2);
  found.sort((a, b) => rank(a) - rank(b));
  return found.length > 0 ? found : ['127.0.0.1'];
}
