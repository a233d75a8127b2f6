import { PATHS } from '../../src-shared/endpoints.js';
import type { GatewayConfig } from '../../src-shared/shell-api.js';

/** What the hidden gateway window needs to bridge rooms: the host's loopback /sync and the LAN /signal. */
export function gatewayConfig(
  host: { loopbackOrigin: string; lanOrigin: string; token: string },
  rooms: Iterable<string>,
): GatewayConfig {
  const loopback = new URL(host.loopbackOrigin);
  const lanPort = lanPortOf(host.lanOrigin);
  return {
    hostSyncUrl: `ws://${loopback.host}${PATHS.sync}`,
    token: host.token,
    signalingUrl: `ws://127.0.0.1:${lanPort}${PATHS.signal}`,
    rooms: [...rooms],
  };
}

/** The LAN port of the host (for the CSP's signaling source). */
export function lanPortOf(lanOrigin: string): number {
  const url = new URL(lanOrigin);
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/** Keeps the set of open rooms as the host reports them, so a gateway window (re)loaded later gets them all. */
export class RoomSet {
  private readonly names = new Set<string>();

  apply(name: string, change: 'opened' | 'closed'): boolean {
    if (change === 'opened') {
      if (this.names.has(name)) return false;
      this.names.add(name);
      return true;
    }
    return this.names.delete(name);
  }

  list(): string[] {
    return [...this.names];
  }

  clear(): void {
    this.names.clear();
  }
}
