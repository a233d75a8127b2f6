import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { LIMITS } from '../../../src-shared/limits.js';
import type { FdGuard } from './fd-guard.js';

/** The host's own gateway connects to /signal from here; a LAN peer cannot have these addresses. */
export const isGatewayAddress = (address: string): boolean => address === '127.0.0.1' || address === '::1';

interface ConnectionLimitDeps {
  log(line: string): void;
  fdGuard?: FdGuard;
  connectionsPerAddress?(): number;
}

/** Concurrent connections per address, and none at all near the file-descriptor limit. */
export function limitConnections(server: Server, deps: ConnectionLimitDeps): void {
  const perAddress = new Map<string, number>();
  let lastRefusalLog = 0;
  const logRefusal = (line: string): void => {
    const now = Date.now();
    if (now - lastRefusalLog < 10_000) return;
    lastRefusalLog = now;
    deps.log(line);
  };
  server.on('connection', (socket: Socket) => {
    const raw = socket.remoteAddress ?? '';
    const address = raw.startsWith('::ffff:') ? raw.slice(7) : raw;
    const fd = deps.fdGuard?.refusal() ?? null;
    if (fd) {
      logRefusal(`lan: refusing new connections: ${fd}`);
      socket.destroy();
      return;
    }
    const n = (perAddress.get(address) ?? 0) + 1;
    const max = deps.connectionsPerAddress?.() ?? LIMITS.connectionsPerAddress;
    if (n > max && !isGatewayAddress(address)) {
      logRefusal(`lan: ${address} has ${max} connections open, refusing more`);
      socket.destroy();
      return;
    }
    perAddress.set(address, n);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
}
