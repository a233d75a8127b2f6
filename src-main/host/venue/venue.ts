import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as Y from 'yjs';
import { VENUE_TEST_PATH, type AddressChoice, type PhoneReach, type VenueStatus } from '../../../src-shared/venue.js';
import type { ExportedFile } from '../export/export-session.js';
import { currentAddresses, type RankedAddresses } from '../net/addresses.js';
import type { HandoutFacts } from './handout.js';
import { JoinAddress } from './join-address.js';
import { VenueMonitor } from './monitor.js';
import { ReceiptTimer } from './receipt-timer.js';
import { sendTestPage } from './test-page.js';
import { attachmentName } from '../net/http-util.js';

/**
 * Venue readiness, as one object the host wires in with a few calls: the ranked addresses and the
 * remembered choice, the phone test page, what the LAN listener has seen, and the handout.
 */

export const DEFAULT_NOBODY_TIMEOUT_MS = 60_000;
const DEFAULT_SYNC_GRACE_MS = 15_000;

export interface VenueOptions {
  dataDir: string;
  /** The address given on the command line (wins over the remembered one). */
  explicitAddress?: string;
  nobodyTimeoutMs?: number;
  /** Reads the ranked addresses (tests give fake tables); the laptop's own otherwise. */
  readAddresses?: () => Promise<RankedAddresses>;
  /** Addresses are read again at most this often, when the console asks (default 3 s). */
  refreshEveryMs?: number;
  now?: () => number;
}

export interface Venue {
  /** The addresses phones might use, best first (never empty: loopback when there is nothing else). */
  readonly choices: AddressChoice[];
  readonly ipv6Only: boolean;
  /** The address in the QR. */
  readonly joinAddress: string;
  readonly monitor: VenueMonitor;
  /** The facilitator's pick: remembered per network; false when it is not one of the choices. */
  choose(address: string): boolean;
  /**
   * Reads the addresses again (the laptop joined or left a network since launch); true when the list or
   * the address in the QR changed. The QR moves only when its address is gone, or was loopback for want of
   * anything better; never away from a working address the facilitator or the command line chose.
   */
  refresh(): Promise<boolean>;
  /** LAN listener hook: a phone's request of some kind arrived. */
  onPhone(via: PhoneReach['via'], req: IncomingMessage): void;
  /** LAN listener hook: serves the test page (and notes the phone). */
  serveTestPage(req: IncomingMessage, res: ServerResponse): void;
  sessionOpen(open: boolean): void;
  /** A phone room opened or closed: its requests are timed while it is open. */
  watchRoom(name: string, doc: Y.Doc | undefined): void;
  unwatchRoom(name: string): void;
  status(port: number): VenueStatus;
  /** `handout.pdf` for the current session (null without one, or for any other name). */
  file(name: string, session: HandoutFacts | null): Promise<ExportedFile | null>;
}

const localAddress = (req: IncomingMessage) => req.socket.localAddress ?? '';

export async function createVenue(opts: VenueOptions): Promise<Venue> {
  const now = opts.now ?? Date.now;
  const addresses = await JoinAddress.read({
    dataDir: opts.dataDir,
    explicitAddress: opts.explicitAddress,
    read: opts.readAddresses ?? currentAddresses,
    refreshEveryMs: opts.refreshEveryMs ?? 3000,
    now,
  });
  const nobodyTimeoutMs = opts.nobodyTimeoutMs ?? DEFAULT_NOBODY_TIMEOUT_MS;
  const monitor = new VenueMonitor({ nobodyTimeoutMs, syncGraceMs: Math.min(DEFAULT_SYNC_GRACE_MS, nobodyTimeoutMs) });
  const receipts = new ReceiptTimer(now);

  return {
    get choices() {
      return addresses.choices;
    },
    get ipv6Only() {
      return addresses.ipv6Only;
    },
    get joinAddress() {
      return addresses.joinAddress;
    },
    monitor,
    choose: (address) => addresses.choose(address),
    refresh: () => addresses.refresh(),
    onPhone: (via, req) => void monitor.reached(via, localAddress(req), now()),
    serveTestPage(req, res) {
      const reach = monitor.reached('test', localAddress(req), now());
      sendTestPage(res, reach.address, req.method === 'HEAD');
    },
    sessionOpen: (open) => monitor.sessionOpen(open, now()),
    watchRoom: (name, doc) => doc && receipts.watch(name, doc),
    unwatchRoom: (name) => receipts.unwatch(name),
    status(port) {
      const t = now();
      const { choices, joinAddress, ipv6Only } = addresses;
      return {
        choices,
        joinAddress,
        ipv6Only,
        testUrl: `http://${joinAddress}:${port}${VENUE_TEST_PATH}`,
        tests: monitor.recentTests(),
        lastPhone: monitor.lastPhone(),
        webrtcSeenAt: monitor.webrtcSeenAt(),
        diagnosis: monitor.diagnosis(t),
        nobodyTimeoutMs,
        health: { ...monitor.health(t), slowestReceiptMs: receipts.slowestLastMinute() },
      };
    },
    file: (name, session) => handoutFile(name, session),
  };
}

/** `handout.pdf` for the current session (null without one, or for any other name). */
async function handoutFile(name: string, session: HandoutFacts | null): Promise<ExportedFile | null> {
  if (name !== 'handout.pdf' || !session) return null;
  // Loaded on first use, like the exporters: the fonts module needs ESM (import.meta), which some
  // loaders of host.ts (Playwright's) do not give, and nobody pays for pdfkit before printing.
  const { renderHandoutPdf } = await import('./handout.js');
  const data = await renderHandoutPdf(session);
  return { fileName: attachmentName(`Join ${session.title}.pdf`), mime: 'application/pdf', data };
}
