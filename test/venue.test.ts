/**
 * Venue readiness in the host: the remembered address, the phone test page, the "nobody can join"
 * diagnosis (pure, and through a real host with a short limit), the handout PDF read back, and doctor.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFParse } from 'pdf-parse';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type Host } from '../src-main/host/host.js';
import { rankAddresses, type InterfaceEntry } from '../src-main/host/net/addresses.js';
import { renderHandoutPdf, shortUrl } from '../src-main/host/venue/handout.js';
import { diagnose, VenueMonitor, type DiagnosisFacts } from '../src-main/host/venue/monitor.js';
import { VENUE_SETTINGS_FILE } from '../src-main/host/venue/settings.js';
import { ReceiptTimer } from '../src-main/host/venue/receipt-timer.js';
import { hostParts, roomParts } from '../src-shared/docs/room-doc.js';
import * as Y from 'yjs';
import { startTestHost } from './helpers/host-harness.js';
import { createVenue } from '../src-main/host/venue/venue.js';
import {
  checkDataDir,
  listeningInodes,
  parseFirewallCmd,
  parseLsof,
  parseNetsh,
  parseNetstat,
  parseSocketfilterfw,
  parseTasklist,
  parseUfw,
  runDoctor,
} from '../src-main/host/venue/doctor.js';
import { adviceFor, duration, HANDOUT_PATH, VENUE_TEST_PATH, type VenueStatus } from '../src-shared/venue.js';
import { TOKEN_QUERY } from '../src-shared/endpoints.js';
import { DEFAULT_DISPLAY } from '../src-shared/display.js';

const CLI = join(__dirname, '..', 'bin', 'open-floor.cjs');
/** The built CLI (`npm run build` first, as `npm test` does). */
const cli = (args: string[]) =>
  new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 20_000 }, (err, stdout) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: String(stdout) }),
    );
  });

const temp: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'open-floor-venue-'));
  temp.push(d);
  return d;
};
let host: Host | null = null;
let holder: Server | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
  await new Promise<void>((r) => (holder ? holder.close(() => r()) : r()));
  holder = null;
  for (const d of temp.splice(0)) rmSync(d, { recursive: true, force: true });
});

const v4 = (address: string): InterfaceEntry => ({ address, netmask: '255.255.255.0', family: 'IPv4', internal: false });

describe('the remembered address', () => {
  const table = { wlan0: [v4('192.168.1.23')], docker0: [v4('172.17.0.1')], enp3s0: [v4('10.0.0.7')] };

  it('a pick survives a relaunch on that network, and a new DHCP address on it', async () => {
    const dataDir = tempDir();
    const first = await createVenue({ dataDir, readAddresses: async () => rankAddresses(table, { interface: 'wlan0' }) });
    expect(first.joinAddress).toBe('192.168.1.23');
    expect(first.choose('10.0.0.7')).toBe(true);
    expect(first.choose('8.8.8.8')).toBe(false);
    expect(JSON.parse(readFileSync(join(dataDir, VENUE_SETTINGS_FILE), 'utf8'))).toEqual({ chosenNetworks: ['enp3s0 10.0.0.0/24'] });

    const again = await createVenue({ dataDir, readAddresses: async () => rankAddresses({ ...table, enp3s0: [v4('10.0.0.99')] }, { interface: 'wlan0' }) });
    expect(again.joinAddress).toBe('10.0.0.99');
    // At another venue (other networks) the ranking decides again.
    const elsewhere = await createVenue({ dataDir, readAddresses: async () => rankAddresses({ wlan0: [v4('172.20.10.4')] }, { interface: 'wlan0' }) });
    expect(elsewhere.joinAddress).toBe('172.20.10.4');
    // An address on the command line wins over the remembered one.
    const given = await createVenue({ dataDir, explicitAddress: '192.168.1.23', readAddresses: async () => rankAddresses(table) });
    expect(given.joinAddress).toBe('192.168.1.23');
  });

  it('a laptop that joins the Wi-Fi after launch gets it in the QR; a working pick is never moved', async () => {
    let table: Record<string, InterfaceEntry[]> = {};
    let clock = 0;
    const v = await createVenue({ dataDir: tempDir(), readAddresses: async () => rankAddresses(table, { interface: 'wlan0' }), now: () => clock });
    expect(v.joinAddress).toBe('127.0.0.1');
    table = { wlan0: [v4('192.168.1.23')], enp3s0: [v4('10.0.0.7')] };
    expect(await v.refresh()).toBe(false); // read at most every 3 s
    clock = 3000;
    expect(await v.refresh()).toBe(true);
    expect(v.joinAddress).toBe('192.168.1.23');
    expect(v.choose('10.0.0.7')).toBe(true);
    clock = 6000;
    table = { wlan0: [v4('192.168.1.23')], enp3s0: [v4('10.0.0.7')], tun0: [v4('10.8.0.2')] };
    expect(await v.refresh()).toBe(true);
    expect(v.joinAddress).toBe('10.0.0.7');
    // The cable is pulled: the QR moves to what is left.
    clock = 9000;
    table = { wlan0: [v4('192.168.1.23')] };
    expect(await v.refresh()).toBe(true);
    expect(v.joinAddress).toBe('192.168.1.23');
  });

  it('an unreadable settings file is ignored, not fatal', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, VENUE_SETTINGS_FILE), '{"chosenNetworks": 42');
    const v = await createVenue({ dataDir, readAddresses: async () => rankAddresses(table, { interface: 'wlan0' }) });
    expect(v.joinAddress).toBe('192.168.1.23');
  });

  it('no network at all: loopback, so the console still works', async () => {
    const v = await createVenue({ dataDir: tempDir(), readAddresses: async () => ({ choices: [], ipv6Only: true }) });
    expect(v.joinAddress).toBe('127.0.0.1');
    expect(v.status(4321)).toMatchObject({ ipv6Only: true, diagnosis: 'closed' });
  });
});

describe('the diagnosis', () => {
  const base: DiagnosisFacts = {
    open: true,
    openSince: 1000,
    now: 1000,
    anyReach: false,
    unsyncedJoinSince: null,
    synced: false,
    nobodyTimeoutMs: 60_000,
    syncGraceMs: 15_000,
  };

  it('waits, then says nobody; a phone that reached the laptop (even the test) means the network works', () => {
    expect(diagnose({ ...base, open: false })).toBe('closed');
    expect(diagnose({ ...base, now: 60_999 })).toBe('waiting');
    expect(diagnose({ ...base, now: 61_000 })).toBe('nobody');
    expect(diagnose({ ...base, now: 61_000, anyReach: true })).toBe('waiting');
  });

  it('joins without a live connection are `no-sync` after the grace time; a connection is `ok`', () => {
    expect(diagnose({ ...base, anyReach: true, unsyncedJoinSince: 2000, now: 16_999 })).toBe('waiting');
    expect(diagnose({ ...base, anyReach: true, unsyncedJoinSince: 2000, now: 17_000 })).toBe('no-sync');
    expect(diagnose({ ...base, anyReach: true, synced: true, now: 99_000 })).toBe('ok');
  });

  it('the monitor counts connections per transport and reconnects in the last minute', () => {
    const m = new VenueMonitor({ nobodyTimeoutMs: 1000, syncGraceMs: 500 });
    m.setConnections('room-a', 'ws', 1, 0);
    m.setConnections('room-b', 'rtc', 1, 0);
    m.setConnections('room-a', 'ws', 0, 10);
    m.setConnections('room-a', 'ws', 1, 20);
    expect(m.health(30)).toEqual({ websocket: 1, webrtc: 1, reconnectsLastMinute: 1 });
    expect(m.webrtcSeenAt()).toBe(0);
    expect(m.health(60_021)).toEqual({ websocket: 1, webrtc: 1, reconnectsLastMinute: 0 });
  });

  it('advice: the QR on a VPN or virtual adapter points at the address first; the firewall first otherwise', () => {
    const [wifi, docker] = rankAddresses({ wlan0: [v4('192.168.1.2')], docker0: [v4('172.17.0.1')] }).choices;
    expect(adviceFor('nobody', docker, false)[0]!.id).toBe('address');
    expect(adviceFor('nobody', wifi, false)[0]!.id).toBe('firewall');
    expect(adviceFor('no-sync', wifi, false)[0]!.id).toBe('websocket');
    expect(adviceFor('ok', wifi, false)).toEqual([]);
  });

  it('says how long in words', () => {
    expect([1000, 45_000, 60_000, 90_000, 120_000].map(duration)).toEqual(['1 second', '45 seconds', '1 minute', '90 seconds', '2 minutes']);
  });
});

async function status(h: Host) {
  const r = h.control('venueStatus', {});
  if (!r.ok) throw new Error(r.error);
  return r.value as VenueStatus;
}

async function until<T>(what: string, check: () => Promise<T | false>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('through a real host', () => {
  const start = (nobodyTimeoutMs?: number) =>
    startHost({
      dataDir: tempDir(),
      lanPort: 0,
      joinAddress: '127.0.0.1',
      buildDir: join(__dirname, '..', 'out'),
      gateway: 'none',
      ...(nobodyTimeoutMs ? { nobodyTimeoutMs } : {}),
    });

  it('the test page tells the phone and the console which address it came in on', async () => {
    host = await start();
    const s0 = await status(host);
    expect(s0.testUrl).toBe(`${host.lanOrigin}${VENUE_TEST_PATH}`);
    expect(s0.tests).toEqual([]);
    const res = await fetch(s0.testUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('This phone reached the laptop ✓');
    const s1 = await status(host);
    expect(s1.tests[0]).toMatchObject({ address: '127.0.0.1', via: 'test' });
    expect(s1.choices.map((c) => c.address)).toContain('127.0.0.1');
  });

  it('an open session that no phone reaches turns to `nobody`; phones that join but never connect, to `no-sync`', async () => {
    host = await start(300);
    expect((await status(host)).diagnosis).toBe('closed');
    expect(host.control('createSession', { title: 'Empty hall' }).ok).toBe(true);
    expect(host.control('openSession', {}).ok).toBe(true);
    expect((await status(host)).diagnosis).toBe('waiting');
    await until('nobody', async () => (await status(host!)).diagnosis === 'nobody');

    const code = host.currentSession()!.joinCode;
    const joined = await fetch(`${host.lanOrigin}/api/join`, { method: 'POST', body: JSON.stringify({ code }), headers: { 'content-type': 'application/json' } });
    expect(joined.status).toBe(200);
    expect((await status(host)).diagnosis).toBe('waiting');
    await until('no-sync', async () => (await status(host!)).diagnosis === 'no-sync');
  });

  it('the handout is a PDF with the title, the address to type and the code; none before a session exists', async () => {
    host = await start();
    const url = `${host.loopbackOrigin}${HANDOUT_PATH}?${TOKEN_QUERY}=${host.token}`;
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(`${host.loopbackOrigin}${HANDOUT_PATH}`)).status).toBe(401);
    expect(host.control('createSession', { title: 'Budget forum 2027', place: 'Town hall' }).ok).toBe(true);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
    const { text, total } = await parser.getText();
    await parser.destroy();
    const code = host.currentSession()!.joinCode;
    expect(total).toBe(1);
    expect(text).toContain('Budget forum 2027');
    expect(text).toContain(shortUrl(host.joinUrl() ?? `${host.lanOrigin}/j/${code}`));
    expect(text).toContain(code);

    // The projector set to Spanish with the join call in both languages: so is the handout.
    expect(host.control('setDisplay', { ...DEFAULT_DISPLAY, language: 'es', bilingualJoin: true }).ok).toBe(true);
    const bilingual = new PDFParse({ data: new Uint8Array(await (await fetch(url)).arrayBuffer()) });
    const both = (await bilingual.getText()).text.replace(/\s+/g, ' ');
    await bilingual.destroy();
    expect(both).toContain('Únase a la reunión desde su teléfono');
    expect(both).toContain('Join the meeting with your phone');
  });
});

describe('transport health', () => {
  it('times a request from its arrival in the room to its receipt, only while the room is watched', () => {
    let t = 1000;
    const timer = new ReceiptTimer(() => t);
    const doc = new Y.Doc();
    timer.watch('room-a', doc);
    expect(timer.slowestLastMinute()).toBeNull();
    roomParts(doc).requests.push([{ kind: 'vote', id: 'r1', questionId: 'q' }]);
    roomParts(doc).requests.push([{ kind: 'vote', id: 'r2', questionId: 'q' }]);
    t = 1250;
    hostParts(doc).receipts.set('r1', { ok: true } as never);
    t = 1400;
    hostParts(doc).receipts.set('r2', { ok: true } as never);
    expect(timer.slowestLastMinute()).toBe(400);
    t = 61_500;
    expect(timer.slowestLastMinute()).toBeNull();
    timer.unwatch('room-a');
    roomParts(doc).requests.push([{ kind: 'vote', id: 'r3', questionId: 'q' }]);
    hostParts(doc).receipts.set('r3', { ok: true } as never);
    expect(timer.slowestLastMinute()).toBeNull();
  });

  it('a real phone: connected over WebSocket, and its question answered in measured time', async () => {
    const h = await startTestHost();
    try {
      const code = await h.openSession('Health', false);
      const phone = await h.phone(code);
      const id = phone.send({ kind: 'ask', text: 'Is the ferry running on Sundays?' });
      await phone.until(() => phone.receipt(id));
      const s = await status(h.host);
      expect(s.health.websocket).toBe(1);
      expect(s.health.slowestReceiptMs).toBeGreaterThanOrEqual(0);
      expect(s.diagnosis).toBe('ok');
    } finally {
      await h.stop();
    }
  });
});

describe('the handout', () => {
  it('draws any title as text, on one page', async () => {
    const pdf = await renderHandoutPdf({ title: 'Réunion <publique> — 公开会议', place: '', joinUrl: 'http://192.168.1.5:4321/j/ABC234', code: 'ABC234', languages: ['en'] });
    const parser = new PDFParse({ data: pdf.slice() });
    const { text, total } = await parser.getText();
    await parser.destroy();
    expect(total).toBe(1);
    expect(text).toContain('Réunion <publique>');
    expect(text).toContain('192.168.1.5:4321');
    expect(text).toContain('ABC234');
  });

  it('speaks the projector’s language, and both when its join call is bilingual', async () => {
    const read = async (languages: Array<'en' | 'es'>) => {
      const pdf = await renderHandoutPdf({ title: 'Foro', place: '', joinUrl: 'http://192.168.1.5:4321/j/ABC234', code: 'ABC234', languages });
      const parser = new PDFParse({ data: pdf.slice() });
      const { text, total } = await parser.getText();
      await parser.destroy();
      expect(total).toBe(1);
      return text.replace(/\s+/g, ' ');
    };
    const spanish = await read(['es']);
    expect(spanish).toContain('Únase a la reunión desde su teléfono');
    expect(spanish).not.toContain('Join the meeting');
    const both = await read(['es', 'en']);
    expect(both).toContain('Únase a la reunión desde su teléfono');
    expect(both).toContain('Join the meeting with your phone');
    expect(both.indexOf('y escriba el código')).toBeLessThan(both.indexOf('and type the code'));
  });
});

describe('open-floor doctor', () => {
  it('a port in use fails the check and names the process that holds it', async () => {
    holder = createServer();
    const port = await new Promise<number>((r) => holder!.listen(0, '0.0.0.0', () => r((holder!.address() as { port: number }).port)));
    const report = await runDoctor({ dataDir: tempDir(), port, ranked: rankAddresses({ wlan0: [v4('192.168.1.2')] }, { interface: 'wlan0' }) });
    expect(report.ok).toBe(false);
    const check = report.checks.find((c) => c.id === 'port')!;
    expect(check.status).toBe('fail');
    if (process.platform === 'linux') expect(check.summary).toContain(`process ${process.pid}`);
  });

  it('all well: free port, a Wi-Fi address, a writable folder', async () => {
    const probe = createServer();
    const port = await new Promise<number>((r) => probe.listen(0, '0.0.0.0', () => r((probe.address() as { port: number }).port)));
    await new Promise<void>((r) => probe.close(() => r()));
    const report = await runDoctor({ dataDir: join(tempDir(), 'new-folder'), port, ranked: rankAddresses({ wlan0: [v4('192.168.1.2')] }, { interface: 'wlan0' }) });
    expect(report.checks.map((c) => [c.id, c.status === 'fail'])).toEqual([
      ['port', false],
      ['addresses', false],
      ['data', false],
      ['firewall', false],
    ]);
    expect(report.ok).toBe(true);
  });

  it('fails on no usable address, IPv6 only, and a data folder that is a file', async () => {
    const file = join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    expect(checkDataDir(file).status).toBe('fail');
    const none = await runDoctor({ dataDir: tempDir(), port: 1, ranked: { choices: [], ipv6Only: true } });
    expect(none.checks.find((c) => c.id === 'addresses')).toMatchObject({ status: 'fail', summary: expect.stringContaining('IPv6') });
    const vpn = await runDoctor({ dataDir: tempDir(), port: 1, ranked: rankAddresses({ tun0: [v4('10.8.0.2')] }) });
    expect(vpn.checks.find((c) => c.id === 'addresses')!.status).toBe('warn');
  });

  it('the command: --help, exit 1 with the holder named when the port is taken, --json', async () => {
    const help = await cli(['doctor', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: open-floor doctor');
    holder = createServer();
    const port = await new Promise<number>((r) => holder!.listen(0, '0.0.0.0', () => r((holder!.address() as { port: number }).port)));
    const busy = await cli(['doctor', '--port', String(port), '--data', tempDir()]);
    expect(busy.code).toBe(1);
    expect(busy.stdout).toMatch(new RegExp(`\\[FAIL\\] Port ${port} is in use by`));
    const json = await cli(['doctor', '--port', String(port), '--data', tempDir(), '--json']);
    const report = JSON.parse(json.stdout) as { ok: boolean; checks: Array<{ id: string }> };
    expect(report.ok).toBe(false);
    expect(report.checks.map((c) => c.id)).toEqual(['port', 'addresses', 'data', 'firewall']);
    expect((await cli(['doctor', '--port', 'x'])).code).toBe(2);
  });

  it('reads who holds a port and the firewall state from each system’s tools', () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000:10E1 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 123456 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:10E1 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1000        0 777777 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(listeningInodes(tcp, 4321)).toEqual(['123456']);
    expect(parseLsof('p812\ncnode\nf23\n')).toEqual({ pid: 812, name: 'node' });
    expect(parseNetstat('  TCP    0.0.0.0:4321           0.0.0.0:0              LISTENING       9120\r\n', 4321)).toBe(9120);
    expect(parseTasklist('"node.exe","9120","Console","1","45,112 K"')).toBe('node.exe');
    expect(parseUfw('Status: active\n\nTo Action From')).toBe('on');
    expect(parseUfw('ERROR: You need to be root to run this script')).toBe('unknown');
    expect(parseFirewallCmd('not running\n')).toBe('off');
    expect(parseSocketfilterfw('Firewall is enabled. (State = 1)')).toBe('on');
    expect(parseNetsh('Domain Profile Settings:\r\n----\r\nState                                 OFF\r\n\r\nPrivate Profile Settings:\r\nState                                 ON\r\n')).toBe('on');
  });
});
