/**
 * The address in the QR: ranking of fake interface tables as Linux, macOS and Windows report them
 * (shapes copied from `os.networkInterfaces()` on each), and the default-route readers' parsers.
 */
import { describe, expect, it } from 'vitest';
import {
  interfaceKind,
  networkKey,
  parseMacRoute,
  parseProcNetRoute,
  parseWindowsRoute,
  rankAddresses,
  type InterfaceEntry,
  type InterfaceTable,
} from '../src-main/host/net/addresses.js';
import { describeChoice } from '../src-shared/venue.js';

const v4 = (address: string, netmask = '255.255.255.0'): InterfaceEntry => ({ address, netmask, family: 'IPv4', internal: false });
const v6 = (address: string): InterfaceEntry => ({ address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', internal: false });
const lo: InterfaceEntry[] = [
  { address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', internal: true },
  { address: '::1', netmask: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', family: 'IPv6', internal: true },
];
const order = (t: InterfaceTable, route = {}) => rankAddresses(t, route).choices.map((c) => `${c.interface}:${c.kind}`);

describe('Linux', () => {
  // Docker and a corporate VPN both come before the Wi-Fi in the table, as they do in real listings.
  const table: InterfaceTable = {
    lo,
    docker0: [v4('172.17.0.1', '255.255.0.0')],
    'br-3f2a9c1d': [v4('172.18.0.1', '255.255.0.0')],
    tun0: [v4('10.8.0.6')],
    wlp2s0: [v4('192.168.1.23'), v6('fe80::1')],
    vboxnet0: [v4('192.168.56.1')],
  };

  it('puts the Wi-Fi first and Docker, bridges, VirtualBox and the VPN last', () => {
    expect(order(table)).toEqual(['wlp2s0:wifi', 'tun0:vpn', 'docker0:virtual', 'br-3f2a9c1d:virtual', 'vboxnet0:virtual']);
  });

  it('a full-tunnel VPN that carries the default route still ranks after the Wi-Fi', () => {
    expect(order(table, { interface: 'tun0' })[0]).toBe('wlp2s0:wifi');
  });

  it('Wi-Fi and Ethernet: the one with the default route wins, whichever it is', () => {
    const both: InterfaceTable = { lo, enp0s31f6: [v4('10.0.5.40')], wlan0: [v4('192.168.8.101')] };
    expect(order(both, { interface: 'enp0s31f6' })).toEqual(['enp0s31f6:ethernet', 'wlan0:wifi']);
    expect(order(both, { interface: 'wlan0' })).toEqual(['wlan0:wifi', 'enp0s31f6:ethernet']);
    expect(rankAddresses(both, { interface: 'wlan0' }).choices[0]!.defaultRoute).toBe(true);
  });

  it('a NetworkManager hotspot, Tailscale and WireGuard', () => {
    const t: InterfaceTable = { lo, tailscale0: [v4('100.101.7.9', '255.255.255.255')], wg0: [v4('10.66.0.2')], wlan0: [v4('10.42.0.1')] };
    expect(order(t)).toEqual(['wlan0:hotspot', 'wg0:vpn', 'tailscale0:vpn']);
  });

  it('reads the default route from /proc/net/route (lowest metric)', () => {
    const text = [
      'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT',
      'wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0',
      'enp3s0\t00000000\t0100000A\t0003\t0\t0\t100\t00000000\t0\t0\t0',
      'enp3s0\t0000000A\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0',
    ].join('\n');
    expect(parseProcNetRoute(text)).toBe('enp3s0');
    expect(parseProcNetRoute('Iface\tDestination\n')).toBeUndefined();
  });
});

describe('macOS', () => {
  const table: InterfaceTable = {
    lo0: lo,
    en0: [v6('fe80::14c2:aa'), v4('192.168.0.14')],
    awdl0: [v6('fe80::a0:1')],
    llw0: [v6('fe80::a0:2')],
    utun3: [v4('10.200.0.4', '255.255.255.255')],
    bridge100: [v4('192.168.64.1')],
    vmnet8: [v4('172.16.49.1')],
  };

  it('en0 with the default route first; the VPN tunnel and VM bridges last', () => {
    expect(order(table, { interface: 'en0' })).toEqual(['en0:lan', 'utun3:vpn', 'bridge100:virtual', 'vmnet8:virtual']);
  });

  it('Internet Sharing (a hotspot on bridge100, 192.168.2.1) is offered, and ranks after the default route', () => {
    const t: InterfaceTable = { lo0: lo, en0: [v4('192.168.0.14')], bridge100: [v4('192.168.2.1')] };
    expect(order(t, { interface: 'en0' })).toEqual(['en0:lan', 'bridge100:hotspot']);
  });

  it('reads `route -n get default`', () => {
    const text = '   route to: default\ndestination: default\n       mask: default\n    gateway: 192.168.0.1\n  interface: en0\n      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING>\n';
    expect(parseMacRoute(text)).toBe('en0');
    expect(parseMacRoute('route: writing to routing socket: not in table')).toBeUndefined();
  });
});

describe('Windows', () => {
  const table: InterfaceTable = {
    'vEthernet (WSL)': [v4('172.29.160.1', '255.255.240.0')],
    'VirtualBox Host-Only Network': [v4('192.168.56.1')],
    'Ethernet 3': [v4('169.254.12.7', '255.255.0.0')],
    'VMware Network Adapter VMnet8': [v4('192.168.231.1')],
    'Wi-Fi': [v6('fe80::9d1'), v4('192.168.1.50')],
    'Local Area Connection* 10': [v4('192.168.137.1')],
    'Loopback Pseudo-Interface 1': lo,
    'NordLynx': [v4('10.5.0.2', '255.255.255.255')],
  };

  it('Wi-Fi first, the Mobile hotspot next, an unplugged adapter (169.254) after, VPN and VMs last', () => {
    expect(order(table, { address: '192.168.1.50' })).toEqual([
      'Wi-Fi:wifi',
      'Local Area Connection* 10:hotspot',
      'Ethernet 3:ethernet',
      'NordLynx:vpn',
      'vEthernet (WSL):virtual',
      'VirtualBox Host-Only Network:virtual',
      'VMware Network Adapter VMnet8:virtual',
    ]);
  });

  it('reads `route print -4 0.0.0.0` (the interface is named by its address)', () => {
    const text = [
      'IPv4 Route Table',
      '===========================================================================',
      'Active Routes:',
      'Network Destination        Netmask          Gateway       Interface  Metric',
      '          0.0.0.0          0.0.0.0      192.168.1.1     192.168.1.50     35',
      '          0.0.0.0          0.0.0.0         10.5.0.1         10.5.0.2     50',
      '===========================================================================',
    ].join('\r\n');
    expect(parseWindowsRoute(text)).toBe('192.168.1.50');
  });
});

describe('edge cases', () => {
  it('an IPv6-only network is reported as such, with no IPv4 choice', () => {
    const r = rankAddresses({ lo, eth0: [v6('2001:db8::25'), v6('fe80::25')] }, { interface: 'eth0' });
    expect(r).toEqual({ choices: [], ipv6Only: true });
  });

  it('a laptop with no network at all is not "IPv6-only"', () => {
    expect(rankAddresses({ lo, wlan0: [v6('fe80::1')] })).toEqual({ choices: [], ipv6Only: false });
  });

  it('numeric families (Node 18.0–18.3) are understood', () => {
    const r = rankAddresses({ eth0: [{ address: '192.168.3.3', family: 4, internal: false }] });
    expect(r.choices.map((c) => c.address)).toEqual(['192.168.3.3']);
  });

  it('names the network by interface and subnet, and describes a choice in one line', () => {
    expect(networkKey('wlan0', '192.168.1.23', '255.255.255.0')).toBe('wlan0 192.168.1.0/24');
    expect(networkKey('docker0', '172.17.0.1', '255.255.0.0')).toBe('docker0 172.17.0.0/16');
    const [c] = rankAddresses({ wlan0: [v4('192.168.1.23')] }, { interface: 'wlan0' }).choices;
    expect(describeChoice(c!)).toBe('192.168.1.23 — wlan0, Wi-Fi, default route');
  });

  it('classifies by name where the address says nothing', () => {
    expect(interfaceKind('zt7nnig26', v4('10.147.17.5'))).toBe('vpn');
    expect(interfaceKind('Tailscale', v4('100.88.1.2'))).toBe('vpn');
    expect(interfaceKind('veth12ab', v4('172.20.0.3'))).toBe('virtual');
    expect(interfaceKind('eth0', v4('192.168.0.9'))).toBe('ethernet');
    expect(interfaceKind('usb0', v4('192.168.42.7'))).toBe('other');
  });
});
