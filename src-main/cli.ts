import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { verifyArchive } from '../src-shared/minutes/archive.js';
import { RecordFormatError } from '../src-shared/record/format.js';
import { EXPORT_FORMAT_NAMES, isExportFormat } from '../src-shared/minutes/formats.js';
import { sessionListing } from '../src-shared/minutes/listing.js';
import { defaultDataDir, exitIfKnown, openStore, readJson, refuse } from './cli-common.js';
import { exportSession, ExportError } from './host/export/export-session.js';
import { startHost } from './host/host.js';
import { addressListText, runDoctor, doctorText } from './host/venue/doctor.js';
import { isLocaleTag } from '../src-shared/i18n/format.js';
import { publishCommand, verifyPublic } from './cli-publish.js';

/**
 * `open-floor serve`: the same host the desktop app runs, headless. The console and projector open in
 * any browser on this laptop; phones join over the LAN.
 * `open-floor export | sessions | verify`: the record, from the data directory (read-only, so a running
 * host is not disturbed) or from an archive file.
 */
const COMMAND_USAGE = {
  serve: `Usage: open-floor serve [--data DIR] [--port N] [--address IP] [--session "Title"] [--nobody-after S] [--relay URL [--relay-ca FILE]] [--json]

Runs the host headless: the console and projector open in a browser on this laptop, phones join over
the LAN.

  --data DIR       where sessions are stored (default: ~/.open-floor)
  --port N         LAN port phones connect to (default 4321; 0 picks a free port)
  --address IP     which of this laptop's addresses goes into the QR code
  --session TITLE  create and open a session right away (for rehearsals and scripts)
  --nobody-after S when an open session sees no phone for S seconds, the console shows
                   the "nobody can join" help (default 60)
  --relay URL      also let remote attendees in through this relay (wss://…, docs/HYBRID.md);
                   the meeting's relay secret is read from OPEN_FLOOR_RELAY_SECRET
  --relay-ca FILE  trust this certificate (PEM) for the relay's TLS (a private CA)
  --json           print one JSON object per line instead of text`,
  sessions: `Usage: open-floor sessions [--data DIR] [--json]

Lists the sessions in the data directory: id, date, status, counts, title.

  --data DIR       where sessions are stored (default: ~/.open-floor)
  --json           print one JSON object per line instead of text`,
  export: `Usage: open-floor export --session ID --format ${EXPORT_FORMAT_NAMES.join('|')} [--out FILE] [--data DIR] [--locale xx-YY]

Writes one session's record: pdf/docx/md minutes, csv (one row per question), events-csv (one row per
event), json (the archive of the whole event log).

  --session ID     the session (see \`open-floor sessions\`)
  --format F       one of ${EXPORT_FORMAT_NAMES.join(', ')}
  --out FILE|DIR   where to write (default: “date title.ext” in the current directory)
  --data DIR       where sessions are stored (default: ~/.open-floor)
  --locale xx-YY   language of the minutes (en or es) and region of their dates, e.g. es-ES (default: this machine's)`,
  relay: `Usage: open-floor relay --redis redis://HOST:PORT [--port N] [--address IP] [--trust-proxy] [--json]

Runs one relay instance for hybrid meetings (docs/HYBRID.md): Hocuspocus with its Redis extension, so
several instances behind a load balancer share the documents. It holds no record and decides nothing;
the laptop connects out to it. The meeting's secret is read from the environment variable
OPEN_FLOOR_RELAY_SECRET (never from the command line, where other users of the machine could see it).

  --redis URL      the Redis every instance shares (redis://[user:password@]host:port[/db])
  --port N         port to listen on (default 4444; 0 picks a free port)
  --address IP     address to listen on (default 0.0.0.0; put TLS in front)
  --trust-proxy    take a client's address from X-Forwarded-For (only behind a proxy that
                   sets it, e.g. Caddy or nginx; otherwise phones could name any address)
  --sockets-per-address N
                   connections one address may hold (default 64; more for offices behind NAT)
  --json           print one JSON object per line instead of text`,
  verify: `Usage: open-floor verify FILE.json
       open-floor verify --public RECORD.json [--against ARCHIVE.json]

Checks an archive's hash chain: exit 0 intact, 1 altered, 2 unreadable.
With --public, checks a published record's chain (meetings/<id>/record.json); with --against too, also
that it is exactly what the full archive derives (nothing of the log left out or changed).`,
  publish: `Usage: open-floor publish (--session ID… | --all) --out DIR [--data DIR] [--locale xx-YY[,xx-YY]]

Writes the published record as a static folder any web server or USB stick can serve: index.html (the
meetings, newest first), meetings/<id>/index.html (the minutes as a page, charts as PNG), verify.html
(checks the record in the browser) and record.json (the public record: no phone ids, no hidden text).
Publishing again rewrites the same paths, so links keep working.

  --session ID     a session (see \`open-floor sessions\`), once or more; the index keeps the meetings
                   already published in DIR
  --all            every session that was opened
  --out DIR        the folder to write (created if missing)
  --data DIR       where sessions are stored (default: ~/.open-floor)
  --locale L[,L]   language(s) of the pages (en or es) and region of their dates, e.g. es-ES or
                   en-GB,es-ES for both: the first language's pages keep the plain names
                   (index.html), the second's are index.es.html (default: this machine's)`,
  doctor: `Usage: open-floor doctor [--data DIR] [--port N] [--json]

Checks this laptop before a meeting and says what to fix, in plain words:
  port        the LAN port (default 4321) is free, or which program holds it
  addresses   the addresses phones would use, best first, with interface and kind
  data        the data folder (default ~/.open-floor) is writable and has free space
  firewall    whether the firewall is on, where the system lets a program read it

Exit 0 when all is well, 1 when something needs fixing.`,
} as const;

type CommandName = keyof typeof COMMAND_USAGE;

const USAGE = `Usage:
  open-floor serve [--data DIR] [--port N] [--address IP] [--session "Title"] [--nobody-after SECONDS] [--relay URL] [--json]
  open-floor doctor [--data DIR] [--port N] [--json]
  open-floor sessions [--data DIR] [--json]
  open-floor export --session ID --format ${EXPORT_FORMAT_NAMES.join('|')} [--out FILE] [--data DIR] [--locale xx-YY]
  open-floor verify FILE.json | --public RECORD.json [--against ARCHIVE.json]
  open-floor publish (--session ID | --all) --out DIR [--data DIR] [--locale xx-YY[,xx-YY]]
  open-floor relay --redis redis://HOST:PORT [--port N] [--address IP] [--trust-proxy] [--json]

  serve            run the host headless (console and projector in a browser on this laptop)
  sessions         list the sessions in the data directory: id, date, status, counts, title
  export           write one session's record: pdf/docx/md minutes, csv, events-csv, speakers-csv,
                   polls-csv, json archive
  verify           check an archive's hash chain: exit 0 intact, 1 altered, 2 unreadable
  publish          write the published record: a static site of the meetings anyone can check
  doctor           check this laptop before a meeting: port, addresses, data folder, firewall
  relay            run a relay instance for remote attendees (hybrid meetings, docs/HYBRID.md)

  open-floor COMMAND --help shows the options of one command.`;


function fail(message: string, usage: string = USAGE): never {
  return refuse(message, usage);
}

/** `--help` or `-h` anywhere among a command's arguments: its own usage, exit 0. */
const wantsHelp = (argv: readonly string[]): boolean => argv.some((a) => a === '--help' || a === '-h');

/** `serve --relay URL`: the relay's address and the meeting's secret (from the environment), checked. */
function relayOption(url: string | undefined, caFile: string | undefined): { url: string; secret: string; ca?: string } | null {
  if (url === undefined) return null;
  if (!/^wss?:\/\//.test(url)) fail(`--relay must be a ws:// or wss:// address, not “${url}”.`, COMMAND_USAGE.serve);
  const secret = process.env.OPEN_FLOOR_RELAY_SECRET ?? '';
  if (secret.length < 16) fail('--relay needs the meeting\'s relay secret in OPEN_FLOOR_RELAY_SECRET (at least 16 characters).', COMMAND_USAGE.serve);
  return { url, secret, ...(caFile ? { ca: readFileSync(resolve(caFile), 'utf8') } : {}) };
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      address: { type: 'string' },
      session: { type: 'string' },
      'nobody-after': { type: 'string' },
      relay: { type: 'string' },
      'relay-ca': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const relay = relayOption(values.relay, values['relay-ca']);
  const nobodyAfter = values['nobody-after'] === undefined ? undefined : Number(values['nobody-after']);
  if (nobodyAfter !== undefined && !(Number.isFinite(nobodyAfter) && nobodyAfter > 0 && nobodyAfter <= 3600)) {
    fail(`--nobody-after must be a number of seconds above 0 and at most 3600, not “${values['nobody-after']}”.`);
  }
  const port = values.port === undefined ? 4321 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not “${values.port}”.`, COMMAND_USAGE.serve);
  const dataDir = resolve(values.data ?? defaultDataDir());
  const print = (event: string, fields: Record<string, string>, text: string) =>
    process.stdout.write(values.json ? `${JSON.stringify({ event, ...fields })}\n` : `${text}\n`);

  const host = await startHost({
    dataDir,
    lanPort: port,
    ...(values.address ? { joinAddress: values.address } : {}),
    buildDir: resolve(__dirname, '..'),
    gateway: 'node',
    ...(nobodyAfter !== undefined ? { nobodyTimeoutMs: Math.round(nobodyAfter * 1000) } : {}),
    ...(relay ? { relay } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });

  let announced: string | null = null;
  const announceJoin = () => {
    const url = host.joinUrl();
    if (!url || url === announced) return;
    announced = url;
    const session = host.currentSession();
    const code = session?.joinCode ?? '';
    // With a relay, the remote join link too (for the meeting notice), while remote attendees are on.
    const remote = host.venueStatus().relay?.joinLink ?? null;
    print(
      'session-open',
      { joinUrl: url, code, sessionId: session?.id ?? '', ...(remote ? { remoteJoinUrl: remote } : {}) },
      `Join:      ${url}  (code ${code})${remote ? `\nRemote:    ${remote}` : ''}`,
    );
  };
  host.onSessionChanged(announceJoin);

  print(
    'ready',
    { consoleUrl: host.consoleUrl, projectorUrl: host.projectorUrl, lanOrigin: host.lanOrigin, dataDir },
    `Open Floor is running (data: ${dataDir}).\nConsole:   ${host.consoleUrl}\nProjector: ${host.projectorUrl}\nPhones:    ${host.lanOrigin}`,
  );

  const venue = host.venueStatus();
  if (values.json) process.stdout.write(`${JSON.stringify({ event: 'addresses', joinAddress: venue.joinAddress, ipv6Only: venue.ipv6Only, choices: venue.choices })}\n`);
  else process.stdout.write(`${addressListText(venue.choices, venue.joinAddress, venue.ipv6Only)}\n`);

  if (values.session) {
    const current = host.currentSession();
    if (!current || current.status === 'closed') {
      const created = host.control('createSession', { title: values.session });
      if (!created.ok) fail(created.error);
    }
    const opened = host.control('openSession', {});
    if (!opened.ok) fail(opened.error);
  }
  announceJoin();

  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function sessions(argv: string[]): void {
  const { values } = parseArgs({ args: argv, options: { data: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const store = openStore(values.data);
  try {
    const list = store.sessions().map((row) => sessionListing(store.events(row.id)));
    if (values.json) {
      for (const s of list) process.stdout.write(`${JSON.stringify(s)}\n`);
      return;
    }
    if (list.length === 0) {
      process.stdout.write('No sessions yet.\n');
      return;
    }
    for (const s of list) {
      const c = s.counts;
      process.stdout.write(
        `${s.id}  ${s.date}  ${s.status.padEnd(6)}  ${c.questions} asked, ${c.approved} approved, ${c.answered} answered, ${c.hidden} hidden, ${c.votes} votes, ${c.devices} devices  ${s.title}\n`,
      );
    }
  } finally {
    store.close();
  }
}

async function exportCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      session: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      locale: { type: 'string' },
    },
    strict: true,
  });
  if (!values.session) fail('Name the session with --session ID (see `open-floor sessions`).', COMMAND_USAGE.export);
  if (!values.format || !isExportFormat(values.format)) fail(`--format must be one of ${EXPORT_FORMAT_NAMES.join(', ')}.`, COMMAND_USAGE.export);
  if (values.locale !== undefined && !isLocaleTag(values.locale)) fail('--locale must be a language tag such as en-GB or es-ES.', COMMAND_USAGE.export);
  const store = openStore(values.data);
  let file;
  try {
    file = await exportSession(store, values.session, values.format, values.locale ? { locale: values.locale } : {});
  } catch (err) {
    exitIfKnown(err, [ExportError, RecordFormatError]);
  } finally {
    store.close();
  }
  let out = resolve(values.out ?? file.fileName);
  if (values.out && isDirectory(out)) out = join(out, file.fileName);
  writeFileSync(out, file.data);
  process.stdout.write(`Wrote ${out} (${file.data.byteLength} bytes)\n`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function verify(argv: string[]): void {
  const { positionals, values } = parseArgs({ args: argv, options: { public: { type: 'string' }, against: { type: 'string' } }, allowPositionals: true, strict: true });
  if (values.public !== undefined) return verifyPublic(values.public, values.against, COMMAND_USAGE.verify);
  const [path] = positionals;
  if (!path || positionals.length > 1) fail('Name one archive file: open-floor verify FILE.json', COMMAND_USAGE.verify);
  const result = verifyArchive(readJson(path));
  if (result.ok) {
    process.stdout.write(`intact: ${result.events.length} events, final hash ${result.finalHash}\n`);
    return;
  }
  if (result.badSeq === null) {
    process.stderr.write(`open-floor: cannot verify ${path}: ${result.reason}\n`);
    process.exit(2);
  }
  process.stdout.write(`altered: event #${result.badSeq}: ${result.reason}\n`);
  process.exit(1);
}

async function doctorCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { data: { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const port = values.port === undefined ? 4321 : Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`--port must be a number from 1 to 65535, not “${values.port}”.`);
  const report = await runDoctor({ dataDir: resolve(values.data ?? defaultDataDir()), port });
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${doctorText(report)}\n`);
  process.exitCode = report.ok ? 0 : 1;
}

const positiveInt = (text: string, flag: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${flag} must be a whole number above 0, not “${text}”.`, COMMAND_USAGE.relay);
  return n;
};

/** `open-floor relay`: one relay instance, until SIGINT/SIGTERM. */
async function relayCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      redis: { type: 'string' },
      port: { type: 'string' },
      address: { type: 'string' },
      'trust-proxy': { type: 'boolean', default: false },
      'sockets-per-address': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const secret = process.env.OPEN_FLOOR_RELAY_SECRET ?? '';
  if (secret.length < 16) fail('Set OPEN_FLOOR_RELAY_SECRET to the meeting\'s relay secret (at least 16 characters).', COMMAND_USAGE.relay);
  if (!values.redis) fail('--redis is needed: the Redis every relay instance shares.', COMMAND_USAGE.relay);
  const port = values.port === undefined ? 4444 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not “${values.port}”.`, COMMAND_USAGE.relay);
  // A promise some library left without a handler (a Redis command that failed while Redis was away) is
  // logged: the relay holds nothing, and ending the process would cut every phone connected to it.
  process.on('unhandledRejection', (err) => process.stderr.write(`relay: unhandled rejection: ${err instanceof Error ? err.message : String(err)}\n`));
  const { startRelay, throttledLog } = await import('../src-relay/relay.js');
  // Hocuspocus writes each refused token and each undecodable frame to console.error itself, past the
  // relay's own limit: the fuzz saw 9.5 MiB in 90 s per instance, so a flood could fill the disk. Its lines
  // go through the same limit (20 per 10 s, then a count).
  const libraryLine = throttledLog((line) => process.stderr.write(`${line}\n`), 'lines from Hocuspocus');
  console.error = (...args: unknown[]) => libraryLine(`hocuspocus: ${args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ').slice(0, 500)}`);
  console.warn = console.error;
  const relay = await startRelay({
    port,
    redisUrl: values.redis,
    secret,
    trustProxy: values['trust-proxy'],
    // The same phone app the laptop serves (out/attendee), at the relay's origin.
    appRoot: resolve(__dirname, '..', 'attendee'),
    ...(values['sockets-per-address'] ? { socketsPerAddress: positiveInt(values['sockets-per-address'], '--sockets-per-address') } : {}),
    ...(values.address ? { address: values.address } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(values.json ? `${JSON.stringify({ event: 'ready', port: relay.port })}\n` : `Open Floor relay on port ${relay.port} (Redis ${values.redis}).\n`);
  const stop = () => void relay.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command !== undefined && Object.hasOwn(COMMAND_USAGE, command) && wantsHelp(rest)) {
    process.stdout.write(`${COMMAND_USAGE[command as CommandName]}\n`);
    return;
  }
  switch (command) {
    case 'serve':
      return serve(rest);
    case 'sessions':
      return sessions(rest);
    case 'export':
      return exportCommand(rest);
    case 'verify':
      return verify(rest);
    case 'publish':
      return publishCommand(rest, COMMAND_USAGE.publish);
    case 'doctor':
      return doctorCommand(rest);
    case 'relay':
      return relayCommand(rest);
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return;
    default:
      fail(`Unknown command “${command}”.`);
  }
}

main().catch((err: unknown) => {
  // node:util parseArgs refuses an unknown option or a missing value: say so with the command's usage.
  const code = (err as { code?: unknown } | null)?.code;
  const command = process.argv[2];
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS') && command && Object.hasOwn(COMMAND_USAGE, command)) {
    fail(`open-floor ${command}: ${(err as Error).message}`, COMMAND_USAGE[command as CommandName]);
  }
  process.stderr.write(`open-floor: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
