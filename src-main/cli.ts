import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHost } from './host/host.js';

/**
 * `open-floor serve`: the same host the desktop app runs, headless. The console and projector open in
 * any browser on this laptop; phones join over the LAN.
 */
const USAGE = `Usage:
  open-floor serve [--data DIR] [--port N] [--address IP] [--session "Title"] [--json]

  --data DIR       where sessions are stored (default: ~/.open-floor)
  --port N         LAN port phones connect to (default 4321; 0 picks a free port)
  --address IP     which of this laptop's addresses goes into the QR code
  --session TITLE  create and open a session right away (for rehearsals and scripts)
  --json           print one JSON object per line instead of text`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      address: { type: 'string' },
      session: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = values.port === undefined ? 4321 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not “${values.port}”.`);
  const dataDir = resolve(values.data ?? join(homedir(), '.open-floor'));
  const print = (event: string, fields: Record<string, string>, text: string) =>
    process.stdout.write(values.json ? `${JSON.stringify({ event, ...fields })}\n` : `${text}\n`);

  const host = await startHost({
    dataDir,
    lanPort: port,
    ...(values.address ? { joinAddress: values.address } : {}),
    buildDir: resolve(__dirname, '..'),
    gateway: 'node',
    log: (line) => process.stderr.write(`${line}\n`),
  });

  let announced: string | null = null;
  const announceJoin = () => {
    const url = host.joinUrl();
    if (!url || url === announced) return;
    announced = url;
    const code = host.sessions.session?.row.joinCode ?? '';
    print('session-open', { joinUrl: url, code, sessionId: host.sessions.session?.row.id ?? '' }, `Join:      ${url}  (code ${code})`);
  };
  host.onSessionChanged(announceJoin);

  print(
    'ready',
    { consoleUrl: host.consoleUrl, projectorUrl: host.projectorUrl, lanOrigin: host.lanOrigin, dataDir },
    `Open Floor is running (data: ${dataDir}).\nConsole:   ${host.consoleUrl}\nProjector: ${host.projectorUrl}\nPhones:    ${host.lanOrigin}`,
  );

  if (values.session) {
    const current = host.sessions.session?.authority.state;
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

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  switch (command) {
    case 'serve':
      return serve(rest);
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
  process.stderr.write(`open-floor: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
