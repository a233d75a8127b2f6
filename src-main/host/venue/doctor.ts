import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import {
  ADVICE,
  describeChoice,
  FIREWALL_STEPS,
  IPV6_ONLY_TEXT,
  NO_ADDRESS_TEXT,
  type AddressChoice,
} from '../../../src-shared/venue.js';
import { currentAddresses, type RankedAddresses } from '../net/addresses.js';

/**
 * `open-floor doctor`: the checks a facilitator runs on the laptop before a meeting. Each check says what
 * it found in plain words and, when something is wrong, what to do. Reading other programs and the
 * firewall is best effort: where the system does not let a program read it, the check says so.
 */

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'info';

export interface DoctorCheck {
  id: 'port' | 'addresses' | 'data' | 'firewall';
  status: CheckStatus;
  summary: string;
  details: string[];
}

export interface DoctorReport {
  /** No check failed (warnings and information do not count). */
  ok: boolean;
  checks: DoctorCheck[];
}

export interface DoctorOptions {
  dataDir: string;
  port: number;
  platform?: NodeJS.Platform;
  ranked?: RankedAddresses;
}

const MB = 1024 * 1024;
/** Below this the host cannot be trusted to keep a session's log; below WARN it is worth a word. */
export const FREE_SPACE_FAIL = 50 * MB;
export const FREE_SPACE_WARN = 500 * MB;

const run = (cmd: string, args: string[]) =>
  new Promise<string>((resolve) => {
    execFile(cmd, args, { timeout: 3000, windowsHide: true, maxBuffer: 4 * MB }, (err, stdout) => resolve(err && !stdout ? '' : String(stdout)));
  });

// ---- port ---------------------------------------------------------------------------------------------

/** Tries to listen where the host would (all IPv4 addresses); the error code when it cannot. */
export function probePort(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'ERROR'));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(null)));
  });
}

export interface PortHolder {
  pid: number;
  name: string;
}

/** Linux: inodes of sockets listening on `port` in /proc/net/tcp or tcp6 (state 0A = LISTEN). */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const out: string[] = [];
  for (const line of procNetTcp.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    if (f[1]!.split(':')[1] === hexPort && f[3] === '0A') out.push(f[9]!);
  }
  return out;
}

function linuxHolder(port: number): PortHolder | null {
  let text = '';
  for (const f of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      text += readFileSync(f, 'utf8');
    } catch {
      // not every system has both
    }
  }
  const inodes = new Set(listeningInodes(text, port).map((i) => `socket:[${i}]`));
  if (inodes.size === 0) return null;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // another user's process: not ours to read
    }
    for (const fd of fds) {
      let target = '';
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      if (inodes.has(target)) {
        let name = '?';
        try {
          name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
        } catch {
          // gone meanwhile
        }
        return { pid: Number(pid), name };
      }
    }
  }
  return null;
}

/** macOS: `lsof -nP -iTCP:<port> -sTCP:LISTEN -Fpc` prints "p<pid>" and "c<command>" lines. */
export function parseLsof(text: string): PortHolder | null {
  const pid = /^p(\d+)$/m.exec(text)?.[1];
  const name = /^c(.+)$/m.exec(text)?.[1];
  return pid ? { pid: Number(pid), name: name ?? '?' } : null;
}

/** Windows: the PID listening on `port` in `netstat -ano -p TCP`. */
export function parseNetstat(text: string, port: number): number | null {
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length >= 5 && f[0] === 'TCP' && f[1]!.endsWith(`:${port}`) && f[3] === 'LISTENING') return Number(f[4]);
  }
  return null;
}

/** Windows: the image name in `tasklist /FI "PID eq N" /FO CSV /NH` ("node.exe","1234",…). */
export function parseTasklist(text: string): string | null {
  return /^"([^"]+)"/m.exec(text.trim())?.[1] ?? null;
}

export async function portHolder(port: number, platform: NodeJS.Platform): Promise<PortHolder | null> {
  try {
    if (platform === 'linux') return linuxHolder(port);
    if (platform === 'darwin') return parseLsof(await run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc']));
    if (platform === 'win32') {
      const pid = parseNetstat(await run('netstat', ['-ano', '-p', 'TCP']), port);
      if (pid === null) return null;
      return { pid, name: parseTasklist(await run('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'])) ?? '?' };
    }
  } catch {
    return null;
  }
  return null;
}

async function checkPort(port: number, platform: NodeJS.Platform): Promise<DoctorCheck> {
  const code = await probePort(port);
  if (code === null) return { id: 'port', status: 'ok', summary: `Port ${port} is free.`, details: [] };
  if (code === 'EACCES') {
    return { id: 'port', status: 'fail', summary: `Port ${port} needs administrator rights on this system.`, details: ['Use a port above 1024 (for example 4321).'] };
  }
  if (code !== 'EADDRINUSE') return { id: 'port', status: 'fail', summary: `Port ${port} cannot be used (${code}).`, details: [] };
  const holder = await portHolder(port, platform);
  return {
    id: 'port',
    status: 'fail',
    summary: holder
      ? `Port ${port} is in use by ${holder.name} (process ${holder.pid}).`
      : `Port ${port} is in use by another program (the system does not say which).`,
    details: [
      'Quit that program (it may be another Open Floor still running), or start Open Floor on another port: open-floor serve --port 4322.',
    ],
  };
}

// ---- addresses --------------------------------------------------------------------------------------

/** The address list as `serve` and `doctor` print it; the first (or the given one) is marked. */
export function addressListText(choices: AddressChoice[], joinAddress: string | undefined, ipv6Only: boolean): string {
  if (ipv6Only) return `Addresses: none for phones.\n  ${IPV6_ONLY_TEXT}`;
  if (choices.length === 0) return `Addresses: none for phones.\n  ${NO_ADDRESS_TEXT}`;
  const marked = joinAddress ?? choices[0]!.address;
  const lines = choices.map((c) => `  ${c.address === marked ? '*' : ' '} ${describeChoice(c)}`);
  return `Addresses (* goes into the QR; change it in the console under “Address in the QR”):\n${lines.join('\n')}`;
}

function checkAddresses(ranked: RankedAddresses): DoctorCheck {
  const list = addressListText(ranked.choices, undefined, ranked.ipv6Only).split('\n').slice(1);
  if (ranked.ipv6Only) return { id: 'addresses', status: 'fail', summary: 'Only IPv6 addresses: phones cannot join over this network.', details: [IPV6_ONLY_TEXT] };
  const best = ranked.choices[0];
  if (!best) return { id: 'addresses', status: 'fail', summary: 'No address phones could reach.', details: [NO_ADDRESS_TEXT] };
  const details = [...list];
  if (best.kind === 'vpn' || best.kind === 'virtual') {
    details.push(`The best address is on ${best.interface} (${best.kind === 'vpn' ? 'a VPN' : 'a virtual adapter'}). ${NO_ADDRESS_TEXT}`);
    return { id: 'addresses', status: 'warn', summary: `The best address, ${best.address}, is probably not one phones can reach.`, details };
  }
  if (ranked.choices.some((c) => c.kind === 'vpn')) {
    details.push(`${ADVICE.vpn.title}: ${ADVICE.vpn.text}`);
    return { id: 'addresses', status: 'warn', summary: `Phones would use ${best.address} (${best.interface}); a VPN is also up.`, details };
  }
  return { id: 'addresses', status: 'ok', summary: `Phones would use ${best.address} (${best.interface}).`, details };
}

// ---- data folder ------------------------------------------------------------------------------------

const formatBytes = (n: number) => (n >= 1024 * MB ? `${(n / (1024 * MB)).toFixed(1)} GB` : `${Math.round(n / MB)} MB`);

export function checkDataDir(dataDir: string): DoctorCheck {
  const probe = join(dataDir, `.doctor-${process.pid}.tmp`);
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(probe, 'open-floor doctor\n');
    rmSync(probe, { force: true });
  } catch (err) {
    return {
      id: 'data',
      status: 'fail',
      summary: `The data folder ${dataDir} is not writable.`,
      details: [`${(err as Error).message}`, 'Choose another folder with --data DIR, or fix its permissions.'],
    };
  }
  let free: number;
  try {
    const s = statfsSync(dataDir);
    free = Number(s.bavail) * Number(s.bsize);
  } catch {
    return { id: 'data', status: 'ok', summary: `The data folder ${dataDir} is writable (free space unknown).`, details: [] };
  }
  if (free < FREE_SPACE_FAIL) {
    return { id: 'data', status: 'fail', summary: `Only ${formatBytes(free)} free for ${dataDir}.`, details: ['Free some space: a meeting needs room for its event log.'] };
  }
  const status = free < FREE_SPACE_WARN ? 'warn' : 'ok';
  return { id: 'data', status, summary: `The data folder ${dataDir} is writable, ${formatBytes(free)} free.`, details: [] };
}

// ---- firewall ---------------------------------------------------------------------------------------

export type FirewallState = 'on' | 'off' | 'unknown';

export function parseUfw(text: string): FirewallState {
  if (/Status:\s*active/i.test(text)) return 'on';
  if (/Status:\s*inactive/i.test(text)) return 'off';
  return 'unknown';
}

export function parseFirewallCmd(text: string): FirewallState {
  const t = text.trim();
  return t === 'running' ? 'on' : t === 'not running' ? 'off' : 'unknown';
}

export function parseSocketfilterfw(text: string): FirewallState {
  if (/enabled|State = [12]/i.test(text)) return 'on';
  if (/disabled|State = 0/i.test(text)) return 'off';
  return 'unknown';
}

/** `netsh advfirewall show allprofiles state`: on when any profile is on. */
export function parseNetsh(text: string): FirewallState {
  const states = [...text.matchAll(/^State\s+(ON|OFF)\s*$/gim)].map((m) => m[1]!.toUpperCase());
  if (states.length === 0) return 'unknown';
  return states.includes('ON') ? 'on' : 'off';
}

async function readFirewall(platform: NodeJS.Platform): Promise<{ state: FirewallState; how: string }> {
  if (platform === 'linux') {
    const ufw = parseUfw(await run('ufw', ['status']));
    if (ufw !== 'unknown') return { state: ufw, how: 'ufw' };
    const fwd = parseFirewallCmd(await run('firewall-cmd', ['--state']));
    if (fwd !== 'unknown') return { state: fwd, how: 'firewalld' };
    return { state: 'unknown', how: 'ufw and firewalld did not answer (they need administrator rights, or are not installed)' };
  }
  if (platform === 'darwin') {
    return { state: parseSocketfilterfw(await run('/usr/libexec/ApplicationFirewall/socketfilterfw', ['--getglobalstate'])), how: 'macOS Application Firewall' };
  }
  if (platform === 'win32') return { state: parseNetsh(await run('netsh', ['advfirewall', 'show', 'allprofiles', 'state'])), how: 'Windows Defender Firewall' };
  return { state: 'unknown', how: 'not readable on this system' };
}

async function checkFirewall(platform: NodeJS.Platform, port: number): Promise<DoctorCheck> {
  const { state, how } = await readFirewall(platform);
  if (state === 'off') return { id: 'firewall', status: 'ok', summary: `The firewall is off (${how}).`, details: [] };
  const steps = platform === 'win32' || platform === 'darwin' || platform === 'linux' ? FIREWALL_STEPS[platform] : Object.values(FIREWALL_STEPS).join(' ');
  const advice = steps.replace('4321', String(port));
  if (state === 'on') {
    return { id: 'firewall', status: 'info', summary: `The firewall is on (${how}): Open Floor must be allowed to accept connections.`, details: [advice] };
  }
  return { id: 'firewall', status: 'info', summary: `Firewall state unknown: ${how}.`, details: [advice] };
}

// ---- all --------------------------------------------------------------------------------------------

export async function runDoctor(opts: DoctorOptions): Promise<DoctorReport> {
  const platform = opts.platform ?? process.platform;
  const [port, ranked, firewall] = await Promise.all([checkPort(opts.port, platform), opts.ranked ?? currentAddresses(), checkFirewall(platform, opts.port)]);
  const checks = [port, checkAddresses(ranked), checkDataDir(opts.dataDir), firewall];
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', info: 'note' };

export function doctorText(report: DoctorReport): string {
  const lines: string[] = [];
  for (const c of report.checks) {
    lines.push(`[${MARK[c.status]}] ${c.summary}`);
    for (const d of c.details) lines.push(`       ${d}`);
  }
  lines.push(report.ok ? 'All is well for phones to join (see any notes above).' : 'Fix the FAIL lines above before the meeting.');
  return lines.join('\n');
}
