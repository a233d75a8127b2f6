/**
 * Venue readiness: what the console and `open-floor serve|doctor` say about the laptop's addresses and
 * whether phones reach it. Types and wording only (runs anywhere); the host computes the facts.
 */

import { PATHS } from './paths.js';

/** What kind of network an interface looks like, judged by its name and address (a guess, hence "?"). */
export type InterfaceKind = 'wifi' | 'ethernet' | 'lan' | 'hotspot' | 'vpn' | 'virtual' | 'other' | 'loopback';

export const INTERFACE_KIND_LABEL: Record<InterfaceKind, string> = {
  wifi: 'Wi-Fi',
  ethernet: 'Ethernet',
  lan: 'Wi-Fi or Ethernet',
  hotspot: 'Hotspot',
  vpn: 'VPN?',
  virtual: 'virtual?',
  other: 'network',
  loopback: 'this laptop only',
};

/** One IPv4 address phones might use, with where it comes from. */
export interface AddressChoice {
  address: string;
  /** The operating system's interface name (wlan0, en0, "Wi-Fi", docker0, …). */
  interface: string;
  kind: InterfaceKind;
  /** The interface carries the laptop's default route (the network it is really on). */
  defaultRoute: boolean;
  /** Identifies the network across launches: interface name and subnet, e.g. "wlan0 192.168.1.0/24". */
  network: string;
}

/** "192.168.1.20 — wlan0, Wi-Fi" : the one line every surface uses for an address. */
export function describeChoice(c: AddressChoice): string {
  const tags = [INTERFACE_KIND_LABEL[c.kind]];
  if (c.defaultRoute) tags.push('default route');
  return `${c.address} — ${c.interface}, ${tags.join(', ')}`;
}

export const IPV6_ONLY_TEXT =
  'This laptop has only IPv6 addresses on its networks. Phones join Open Floor over IPv4, so they cannot reach it here: ' +
  'use a hotspot (a phone’s, or the laptop’s own) or a network that gives out IPv4 addresses.';

export const NO_ADDRESS_TEXT =
  'This laptop is not on any network phones could reach. Connect it to the venue Wi-Fi, or turn on a hotspot.';

/** What the host has seen of phones since it started. */
export interface PhoneReach {
  /** The laptop address the phone came in on. */
  address: string;
  at: number;
  /** The test page, a phone loading the app, joining, or opening its live connection (/sync). */
  via: 'test' | 'page' | 'join' | 'sync';
}

/**
 * How joining looks: `closed` (no open session), `waiting` (open, nobody yet, still early), `nobody` (open for
 * longer than the limit and no phone has reached the laptop), `no-sync` (phones load the page but their
 * live connection never arrives), `ok` (a phone is connected).
 */
export type JoinDiagnosis = 'closed' | 'waiting' | 'nobody' | 'no-sync' | 'ok';

export interface TransportHealth {
  /** Phone rooms with a live WebSocket to the host. */
  websocket: number;
  /** Phone rooms with a live WebRTC peer (through the gateway). */
  webrtc: number;
  /** Live connections that arrived in the last minute for rooms that had been connected before. */
  reconnectsLastMinute: number;
  /** The longest the laptop took to answer a phone's request in the last minute (ms), null when none asked. */
  slowestReceiptMs: number | null;
}

export interface VenueStatus {
  choices: AddressChoice[];
  joinAddress: string;
  ipv6Only: boolean;
  /** URL of the "Test with your phone" page on the join address. */
  testUrl: string;
  /** The latest test page load, if any (newest first, at most a few). */
  tests: PhoneReach[];
  /** The latest phone of any kind, if any. */
  lastPhone: PhoneReach | null;
  /** When a phone last opened a WebRTC connection to the laptop (null: never since launch). */
  webrtcSeenAt: number | null;
  diagnosis: JoinDiagnosis;
  /** How long an open session may see no phone before `nobody`. */
  nobodyTimeoutMs: number;
  health: TransportHealth;
  /** Remote attendees (issue 20), when the laptop runs with a relay: its address, the link, remote phones. */
  relay?: RelayHealth;
}

export interface RelayHealth {
  url: string;
  /** The laptop's outbound connection to the relay is open. */
  connected: boolean;
  /** When the link last went up or down (before it ever came up: when the laptop started trying). */
  since: number;
  /** How many times the link went down since the laptop started (a flapping link counts up). */
  drops: number;
  /** Remote phones whose rooms are bridged now. */
  remotePhones: number;
  /** Phones connected over the venue's network (Wi-Fi, WebRTC): the room. */
  inRoomPhones: number;
  /** New phones may join through the relay (the facilitator's switch; on unless turned off). */
  remoteAttendees: boolean;
  /**
   * The remote join link, for the meeting notice, the website, the stream's description: while remote
   * attendees are on and a session takes joins (not closed); null otherwise.
   */
  joinLink: string | null;
}

/** A relay address as `--relay` takes it: ws or wss, a host (and port), any path. */
const RELAY_URL = /^(wss?):\/\/(?:[^/?#@]*@)?([^/?#@]+)/i;

/**
 * The link a remote phone opens, from the relay's address: `wss://host/path` → `https://host/j/<CODE>`,
 * `ws://` → `http://` (the relay serves the phone app at its own origin). Null for anything else.
 */
export function remoteJoinLink(relayUrl: string, code: string): string | null {
  const m = RELAY_URL.exec(relayUrl.trim());
  if (!m || relayUrl.length > 2048) return null;
  const scheme = m[1]!.toLowerCase() === 'wss' ? 'https' : 'http';
  return `${scheme}://${m[2]!.toLowerCase()}${PATHS.joinPage}${encodeURIComponent(code)}`;
}

/** One piece of advice in plain words (with steps per system where they differ). */
export interface Advice {
  id: 'firewall' | 'address' | 'isolation' | 'vpn' | 'websocket' | 'ipv6';
  title: string;
  text: string;
  steps?: readonly string[];
}

/** What to do about the firewall, per system (the prompts are quoted as the systems word them). */
export const FIREWALL_STEPS = {
  win32:
    'On Windows, the prompt reads “Windows Defender Firewall has blocked some features of this app”: tick “Private networks”, then “Allow access”. ' +
    'If you clicked Cancel earlier, open “Allow an app through Windows Firewall” and tick Open Floor (or Node.js) for Private networks, and mark the venue Wi-Fi as Private.',
  darwin:
    'On macOS, the prompt reads “Do you want the application “Open Floor” to accept incoming network connections?”: click Allow. ' +
    'If you clicked Deny, open System Settings → Network → Firewall → Options and set Open Floor to “Allow incoming connections”.',
  linux: 'On Linux, allow the port phones use, for example: sudo ufw allow 4321/tcp',
} as const;

export const ADVICE: Record<Advice['id'], Advice> = {
  firewall: {
    id: 'firewall',
    title: 'Allow Open Floor through the firewall',
    text: 'When the system asks whether Open Floor may accept incoming connections, allow it.',
    steps: [FIREWALL_STEPS.win32, FIREWALL_STEPS.darwin, FIREWALL_STEPS.linux],
  },
  address: {
    id: 'address',
    title: 'Use another address',
    text: 'The laptop may have several networks. In “Address in the QR”, pick the Wi-Fi or Ethernet the phones are on, then test again with your phone.',
  },
  isolation: {
    id: 'isolation',
    title: 'The Wi-Fi may keep devices apart',
    text:
      'Guest and public Wi-Fi networks often stop devices from reaching each other (“client isolation”). Ask the venue for a network without it, ' +
      'or use a hotspot: turn on the laptop’s own hotspot (Windows: Mobile hotspot; macOS: Internet Sharing) or join the laptop to a phone’s hotspot, and have everyone join that.',
  },
  vpn: {
    id: 'vpn',
    title: 'The laptop may be on a VPN',
    text: 'A VPN can take over the laptop’s network or put a VPN address in the QR. Disconnect the VPN for the meeting, then check the address in the QR.',
  },
  websocket: {
    id: 'websocket',
    title: 'Phones load the page but cannot stay connected',
    text:
      'The network lets pages through but not the live connection (WebSocket) that phones keep open. This happens behind some venue proxies and filters. ' +
      'Use a hotspot, or ask the venue to allow WebSocket connections on the local network.',
  },
  ipv6: { id: 'ipv6', title: 'This network has no IPv4 addresses', text: IPV6_ONLY_TEXT },
};

/** The advice for a diagnosis, most likely first, given the address in the QR. */
export function adviceFor(diagnosis: JoinDiagnosis, joinChoice: AddressChoice | undefined, ipv6Only: boolean): Advice[] {
  if (ipv6Only) return [ADVICE.ipv6, ADVICE.isolation];
  if (diagnosis === 'no-sync') return [ADVICE.websocket, ADVICE.isolation, ADVICE.firewall];
  if (diagnosis !== 'nobody') return [];
  const suspicious = joinChoice && (joinChoice.kind === 'vpn' || joinChoice.kind === 'virtual' || joinChoice.kind === 'loopback');
  if (suspicious) return [ADVICE.address, ADVICE.vpn, ADVICE.firewall, ADVICE.isolation];
  return [ADVICE.firewall, ADVICE.address, ADVICE.isolation, ADVICE.vpn];
}

/** "1 second", "45 seconds", "1 minute", "2 minutes". */
export function duration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 60 || s % 60 !== 0) return s === 1 ? '1 second' : `${s} seconds`;
  const m = s / 60;
  return m === 1 ? '1 minute' : `${m} minutes`;
}

export const DIAGNOSIS_TEXT: Record<JoinDiagnosis, string> = {
  closed: '',
  waiting: 'The session is open. Waiting for the first phone.',
  nobody: 'No phone has reached this laptop yet. Phones probably cannot reach it over this network.',
  'no-sync': 'Phones open the page but their live connection never arrives.',
  ok: 'Phones are connected.',
};

/** Path of the phone test page on the LAN listener. */
export const VENUE_TEST_PATH = '/hello';
/** Path of the printable handout on the loopback listener (token in the query). */
export const HANDOUT_PATH = '/venue/handout.pdf';
