import type { IncomingMessage, ServerResponse } from 'node:http';
import { VENUE_TEST_PATH, type AddressChoice, type PhoneReach, type VenueStatus } from '../../../src-shared/venue.js';
import { currentAddresses, LOOPBACK_CHOICE, type RankedAddresses } from '../addresses.js';
import { renderHandoutPdf, type HandoutFacts } from './handout.js';
import { VenueMonitor } from './monitor.js';
import { initialChoice, readVenueSettings, rememberChoice, writeVenueSettings } from './settings.js';
import { sendTestPage } from './test-page.js';

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
  /** The interface table, for tests; the laptop's own otherwise. */
  ranked?: RankedAddresses;
  now?: () => number;
}

export interface Venue {
  readonly choices: AddressChoice[];
  readonly ipv6Only: boolean;
  /** The address for the QR at launch. */
  readonly initialAddress: string;
  readonly monitor: VenueMonitor;
  /** Remembers the facilitator's pick (per network); false when it is not one of the choices. */
  remember(address: string): boolean;
  /** LAN listener hook: a phone's request of some kind arrived. */
  onPhone(via: PhoneReach['via'], req: IncomingMessage): void;
  /** LAN listener hook: serves the test page (and notes the phone). */
  serveTestPage(req: IncomingMessage, res: ServerResponse): void;
  sessionOpen(open: boolean): void;
  status(joinAddress: string, port: number): VenueStatus;
  handout(facts: HandoutFacts): Promise<Uint8Array>;
}

const localAddress = (req: IncomingMessage) => req.socket.localAddress ?? '';

export async function createVenue(opts: VenueOptions): Promise<Venue> {
  const now = opts.now ?? Date.now;
  const ranked = opts.ranked ?? (await currentAddresses());
  const choices = [...ranked.choices];
  if (opts.explicitAddress !== undefined && !choices.some((c) => c.address === opts.explicitAddress)) {
    const loopback = /^127\./.test(opts.explicitAddress);
    choices.push({
      ...(loopback ? LOOPBACK_CHOICE : { interface: 'given', kind: 'other' as const, defaultRoute: false }),
      address: opts.explicitAddress,
      network: `given ${opts.explicitAddress}`,
    });
  }
  if (choices.length === 0) choices.push(LOOPBACK_CHOICE);
  let settings = readVenueSettings(opts.dataDir);
  const first = initialChoice(choices, settings, opts.explicitAddress) ?? choices[0]!;
  const nobodyTimeoutMs = opts.nobodyTimeoutMs ?? DEFAULT_NOBODY_TIMEOUT_MS;
  const monitor = new VenueMonitor({ nobodyTimeoutMs, syncGraceMs: Math.min(DEFAULT_SYNC_GRACE_MS, nobodyTimeoutMs) });

  return {
    choices,
    ipv6Only: ranked.ipv6Only,
    initialAddress: first.address,
    monitor,
    remember(address) {
      const choice = choices.find((c) => c.address === address);
      if (!choice) return false;
      settings = rememberChoice(settings, choice);
      try {
        writeVenueSettings(opts.dataDir, settings);
      } catch {
        // Not remembering is an inconvenience, never a reason to refuse the change.
      }
      return true;
    },
    onPhone: (via, req) => void monitor.reached(via, localAddress(req), now()),
    serveTestPage(req, res) {
      const reach = monitor.reached('test', localAddress(req), now());
      sendTestPage(res, reach.address, req.method === 'HEAD');
    },
    sessionOpen: (open) => monitor.sessionOpen(open, now()),
    status(joinAddress, port) {
      const t = now();
      return {
        choices,
        joinAddress,
        ipv6Only: ranked.ipv6Only,
        testUrl: `http://${joinAddress}:${port}${VENUE_TEST_PATH}`,
        tests: monitor.recentTests(),
        lastPhone: monitor.lastPhone(),
        diagnosis: monitor.diagnosis(t),
        nobodyTimeoutMs,
        health: monitor.health(t),
      };
    },
    handout: (facts) => renderHandoutPdf(facts),
  };
}
