import type { JoinDiagnosis, PhoneReach, TransportHealth } from '../../../src-shared/venue.js';

/**
 * What the host has seen of phones on the LAN listener, and what it makes of it: did a phone reach the
 * laptop (test page, app page, join, live connection), and if the session is open but nobody arrives,
 * which failure it looks like. Fed by small hook calls from the listeners; it keeps a bounded history
 * and decides from the clock it is given, so it is tested without waiting.
 */

export interface MonitorOptions {
  /** An open session that sees no phone for this long is `nobody`. */
  nobodyTimeoutMs: number;
  /** After a join, the phone's live connection must arrive within this long, or it is `no-sync`. */
  syncGraceMs: number;
}

const MINUTE = 60_000;
const KEEP_TESTS = 5;
const KEEP_RECONNECTS = 1000;

export interface DiagnosisFacts {
  open: boolean;
  openSince: number | null;
  now: number;
  /** Any phone reached the laptop since the host started (a successful test counts). */
  anyReach: boolean;
  /** First join since the session opened that was not followed by a live connection. */
  unsyncedJoinSince: number | null;
  /** A live connection arrived since the session opened, or one is up now. */
  synced: boolean;
  nobodyTimeoutMs: number;
  syncGraceMs: number;
}

/** Pure: the diagnosis from the facts. */
export function diagnose(f: DiagnosisFacts): JoinDiagnosis {
  if (!f.open || f.openSince === null) return 'closed';
  if (f.synced) return 'ok';
  if (f.unsyncedJoinSince !== null && f.now - f.unsyncedJoinSince >= f.syncGraceMs) return 'no-sync';
  if (!f.anyReach && f.now - f.openSince >= f.nobodyTimeoutMs) return 'nobody';
  return 'waiting';
}

export class VenueMonitor {
  private tests: PhoneReach[] = [];
  private last: PhoneReach | null = null;
  private openSince: number | null = null;
  private unsyncedJoinSince: number | null = null;
  private syncedSinceOpen = false;
  private readonly connections = { ws: new Map<string, number>(), rtc: new Map<string, number>() };
  private readonly everConnected = new Set<string>();
  private reconnects: number[] = [];
  private rtcSeenAt: number | null = null;

  constructor(readonly opts: MonitorOptions) {}

  /** A phone's request arrived on the LAN listener over `address` (the laptop's side of the socket). */
  reached(via: PhoneReach['via'], address: string, now: number): PhoneReach {
    const reach: PhoneReach = { address: plainAddress(address), at: now, via };
    this.last = reach;
    if (via === 'test') this.tests = [reach, ...this.tests].slice(0, KEEP_TESTS);
    if (this.openSince !== null) {
      if (via === 'join' && this.unsyncedJoinSince === null && !this.syncedSinceOpen) this.unsyncedJoinSince = now;
      if (via === 'sync') {
        this.syncedSinceOpen = true;
        this.unsyncedJoinSince = null;
      }
    }
    return reach;
  }

  /** The session opened (true) or closed (false). */
  sessionOpen(open: boolean, now: number): void {
    if (open && this.openSince === null) {
      this.openSince = now;
      this.syncedSinceOpen = false;
      this.unsyncedJoinSince = null;
    }
    if (!open) this.openSince = null;
  }

  /** Live connections of one phone room over one transport (from the sync server or the gateway). */
  setConnections(room: string, kind: 'ws' | 'rtc', count: number, now: number): void {
    const map = this.connections[kind];
    const before = map.get(room) ?? 0;
    if (count > 0) map.set(room, count);
    else map.delete(room);
    if (before === 0 && count > 0) {
      if (kind === 'rtc') this.rtcSeenAt = now;
      if (this.everConnected.has(room)) this.reconnects.push(now);
      else if (this.everConnected.size < 100_000) this.everConnected.add(room);
      if (this.reconnects.length > KEEP_RECONNECTS) this.reconnects = this.reconnects.slice(-KEEP_RECONNECTS);
    }
  }

  health(now: number): Omit<TransportHealth, 'slowestReceiptMs'> {
    this.reconnects = this.reconnects.filter((t) => now - t < MINUTE);
    return { websocket: this.connections.ws.size, webrtc: this.connections.rtc.size, reconnectsLastMinute: this.reconnects.length };
  }

  diagnosis(now: number): JoinDiagnosis {
    return diagnose({
      open: this.openSince !== null,
      openSince: this.openSince,
      now,
      anyReach: this.last !== null,
      unsyncedJoinSince: this.unsyncedJoinSince,
      synced: this.syncedSinceOpen || this.connections.ws.size + this.connections.rtc.size > 0,
      nobodyTimeoutMs: this.opts.nobodyTimeoutMs,
      syncGraceMs: this.opts.syncGraceMs,
    });
  }

  recentTests(): PhoneReach[] {
    return [...this.tests];
  }

  lastPhone(): PhoneReach | null {
    return this.last;
  }

  webrtcSeenAt(): number | null {
    return this.rtcSeenAt;
  }
}

/** "::ffff:192.168.1.5" (an IPv4 client on a dual-stack socket) → "192.168.1.5". */
export function plainAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}
