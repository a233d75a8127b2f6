import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import type { AddressChoice, InterfaceKind } from '../../../src-shared/venue.js';

/**
 * Which of the laptop's addresses goes into the QR. The ranking is a pure function of the interface table
 * (what `os.networkInterfaces()` returns) and the default route, so it is tested with tables from Linux,
 * macOS and Windows; the two readers at the bottom get the real ones.
 *
 * Order: the Wi-Fi/Ethernet that carries the default route, then other Wi-Fi, Ethernet, unknown physical
 * adapters and hotspots, then link-local (169.254: no DHCP), then VPN and virtual adapters (Docker,
 * VirtualBox, VMware, Hyper-V, WSL, tunnels), which phones can almost never reach.
 */

export interface InterfaceEntry {
  address: string;
  family: string | number;
  internal: boolean;
  netmask?: string;
}
export type InterfaceTable = Record<string, InterfaceEntry[] | undefined>;

/** The default route, as the OS tells it: by interface name (Linux, macOS) or by its address (Windows). */
export interface DefaultRoute {
  interface?: string;
  address?: string;
}

export interface RankedAddresses {
  /** IPv4 addresses phones might use, best first; empty when there are none. */
  choices: AddressChoice[];
  /** No usable IPv4 address, but the laptop has global or unique-local IPv6 ones. */
  ipv6Only: boolean;
}

const VIRTUAL_NAME =
  /^(docker|br-|veth|virbr|vboxnet|vmnet|vmenet|lxcbr|lxdbr|incusbr|cni|flannel|cali|podman|vnet|kube|weave|awdl|llw|anpi|feth|vEthernet|VirtualBox|VMware|Hyper-V|Npcap|Loopback)|\b(WSL|Docker|Virtual|Host-Only|VMnet)\b/i;
const VPN_NAME =
  /^(utun|tun|tap|wg|zt|tailscale|ppp|ipsec|gpd|nordlynx|proton|mullvad|cscotun|ham|wt\d)|\b(VPN|TAP-Windows|OpenVPN|WireGuard|Wintun|Tailscale|ZeroTier|NordLynx|AnyConnect|FortiClient|GlobalProtect|PANGP|Cisco|Juniper|Pulse|Cloudflare WARP)\b/i;
const WIFI_NAME = /^(wlan|wlp|wlx|wl\d|ath\d|ra\d)|\b(Wi-?Fi|Wireless|WLAN|AirPort)\b/i;
const ETHERNET_NAME = /^(eth\d|enp|eno|ens|enx|em\d|p\d+p\d)|\bEthernet\b/i;
/** Windows' Mobile hotspot and Wi-Fi Direct adapters. */
const WINDOWS_LOCAL_CONNECTION = /^Local Area Connection\* ?\d+$/i;

const isIPv4 = (e: InterfaceEntry) => e.family === 'IPv4' || e.family === 4;
const isIPv6 = (e: InterfaceEntry) => e.family === 'IPv6' || e.family === 6;

function octets(address: string): number[] {
  return address.split('.').map(Number);
}

const isPrivate = (a: string) => {
  const [x, y] = octets(a);
  return x === 10 || (x === 172 && y! >= 16 && y! <= 31) || (x === 192 && y === 168);
};
const isLinkLocal = (a: string) => a.startsWith('169.254.');
/** 100.64.0.0/10, carrier-grade NAT: on a laptop this is almost always Tailscale or another overlay VPN. */
const isCgnat = (a: string) => {
  const [x, y] = octets(a);
  return x === 100 && y! >= 64 && y! <= 127;
};

/** What an interface looks like, by its name and address. */
export function interfaceKind(name: string, entry: InterfaceEntry): InterfaceKind {
  if (entry.internal || /^lo\d*$/.test(name)) return 'loopback';
  const a = entry.address;
  if (WINDOWS_LOCAL_CONNECTION.test(name)) return a.startsWith('192.168.137.') ? 'hotspot' : 'virtual';
  // macOS Internet Sharing is a bridge on 192.168.2.x; other bridges there belong to VMs.
  if (/^bridge\d+$/.test(name)) return a.startsWith('192.168.2.') ? 'hotspot' : 'virtual';
  if (/^u?ap\d+$/.test(name)) return 'hotspot';
  if (VPN_NAME.test(name) || isCgnat(a)) return 'vpn';
  if (VIRTUAL_NAME.test(name)) return 'virtual';
  if (WIFI_NAME.test(name)) return a === '10.42.0.1' ? 'hotspot' : 'wifi'; // NetworkManager's shared hotspot
  if (ETHERNET_NAME.test(name)) return 'ethernet';
  if (/^en\d+$/.test(name)) return 'lan'; // macOS: en0 is Wi-Fi on most laptops, Ethernet on desktops
  return 'other';
}

const TIER: Record<InterfaceKind, number> = { wifi: 1, ethernet: 2, lan: 3, hotspot: 4, other: 5, vpn: 7, virtual: 8, loopback: 9 };
const PHYSICAL = new Set<InterfaceKind>(['wifi', 'ethernet', 'lan', 'hotspot', 'other']);

function prefixLength(netmask: string | undefined): number {
  if (!netmask) return 24;
  let bits = 0;
  for (const o of octets(netmask)) bits += (o >>> 0).toString(2).split('').filter((b) => b === '1').length;
  return bits;
}

/** "wlan0 192.168.1.0/24": the network an address is on, stable while DHCP hands out other host numbers. */
export function networkKey(name: string, address: string, netmask?: string): string {
  const bits = prefixLength(netmask);
  const ip = octets(address).reduce((n, o) => n * 256 + o, 0);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const net = (ip & mask) >>> 0;
  const dotted = [24, 16, 8, 0].map((s) => (net >>> s) & 255).join('.');
  return `${name} ${dotted}/${bits}`;
}

/** Ranks the interface table's IPv4 addresses for the QR, best first. Pure. */
export function rankAddresses(table: InterfaceTable, route: DefaultRoute = {}): RankedAddresses {
  const found: Array<AddressChoice & { score: number; order: number }> = [];
  let order = 0;
  let hasIPv6 = false;
  for (const [name, list] of Object.entries(table)) {
    for (const entry of list ?? []) {
      if (isIPv6(entry) && !entry.internal && !/^fe80:/i.test(entry.address)) hasIPv6 = true;
      if (!isIPv4(entry) || entry.internal) continue;
      const kind = interfaceKind(name, entry);
      if (kind === 'loopback') continue;
      const defaultRoute = route.interface === name || (route.address !== undefined && route.address === entry.address);
      let tier = defaultRoute && PHYSICAL.has(kind) ? 0 : TIER[kind];
      if (isLinkLocal(entry.address) && tier < 6) tier = 6;
      const score = tier * 10 + (isPrivate(entry.address) ? 0 : 1);
      found.push({ address: entry.address, interface: name, kind, defaultRoute, network: networkKey(name, entry.address, entry.netmask), score, order: order++ });
    }
  }
  found.sort((a, b) => a.score - b.score || a.order - b.order);
  const choices = found.map(({ score: _s, order: _o, ...c }) => c);
  return { choices, ipv6Only: choices.length === 0 && hasIPv6 };
}

/** The fallback choice when nothing else exists: phones cannot use it, the console still works. */
export const LOOPBACK_CHOICE: AddressChoice = {
  address: '127.0.0.1',
  interface: 'loopback',
  kind: 'loopback',
  defaultRoute: false,
  network: 'loopback 127.0.0.0/8',
};

/** Linux: the default route's interface from /proc/net/route (lowest metric wins). */
export function parseProcNetRoute(text: string): string | undefined {
  let best: { iface: string; metric: number } | undefined;
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8 || f[1] !== '00000000' || f[7] !== '00000000') continue;
    const metric = Number(f[6]);
    if (!best || metric < best.metric) best = { iface: f[0]!, metric };
  }
  return best?.iface;
}

/** macOS: `route -n get default` prints "interface: en0". */
export function parseMacRoute(text: string): string | undefined {
  return /^\s*interface:\s*(\S+)/m.exec(text)?.[1];
}

/** Windows: `route print -4 0.0.0.0` lists "0.0.0.0 0.0.0.0 <gateway> <interface address> <metric>". */
export function parseWindowsRoute(text: string): string | undefined {
  let best: { address: string; metric: number } | undefined;
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length !== 5 || f[0] !== '0.0.0.0' || f[1] !== '0.0.0.0') continue;
    const metric = Number(f[4]);
    if (!best || metric < best.metric) best = { address: f[3]!, metric };
  }
  return best?.address;
}

const run = (cmd: string, args: string[]) =>
  new Promise<string>((resolve) => {
    execFile(cmd, args, { timeout: 1500, windowsHide: true }, (err, stdout) => resolve(err ? '' : String(stdout)));
  });

/** The default route as this OS reports it; empty when it cannot be read. Never throws. */
export async function readDefaultRoute(platform: NodeJS.Platform = process.platform): Promise<DefaultRoute> {
  try {
    if (platform === 'linux') {
      const iface = parseProcNetRoute(readFileSync('/proc/net/route', 'utf8'));
      return iface ? { interface: iface } : {};
    }
    if (platform === 'darwin') {
      const iface = parseMacRoute(await run('route', ['-n', 'get', 'default']));
      return iface ? { interface: iface } : {};
    }
    if (platform === 'win32') {
      const address = parseWindowsRoute(await run('route', ['print', '-4', '0.0.0.0']));
      return address ? { address } : {};
    }
  } catch {
    return {};
  }
  return {};
}

/** The laptop's addresses, ranked, right now. */
export async function currentAddresses(): Promise<RankedAddresses> {
  return rankAddresses(networkInterfaces(), await readDefaultRoute());
}
