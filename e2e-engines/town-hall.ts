import { lookup } from 'node:dns/promises';
import { appendFileSync, readFileSync } from 'node:fs';

/**
 * The name phones use for the laptop in these tests. A real phone uses the laptop's LAN address over plain
 * http, which no browser counts as a secure context; 127.0.0.1 and localhost always are. A name mapped to
 * loopback is not, so the page behaves as on a real phone (no service worker, no crypto.subtle).
 */
export const TOWN_HALL = 'town-hall.test';

const HOSTS = '/etc/hosts';
const LINE = `127.0.0.1 ${TOWN_HALL} # open-floor engine tests (e2e-engines/town-hall.ts)`;

/**
 * WebKitGTK resolves names through the system only (no switch like Chromium's --host-resolver-rules or
 * Firefox's network.dns.localDomains), so its run maps the name in /etc/hosts: once, idempotently.
 */
export async function ensureTownHallResolves(): Promise<void> {
  const hosts = readFileSync(HOSTS, 'utf8');
  const mapped = hosts
    .split('\n')
    .some((line) => line.replace(/#.*/, '').trim().split(/\s+/).slice(1).includes(TOWN_HALL));
  if (!mapped) {
    try {
      appendFileSync(HOSTS, `${hosts.endsWith('\n') || hosts === '' ? '' : '\n'}${LINE}\n`);
    } catch (err) {
      throw new Error(`${TOWN_HALL} must resolve to 127.0.0.1 for the WebKit run: add "${LINE}" to ${HOSTS} (${(err as Error).message})`);
    }
  }
  const { address } = await lookup(TOWN_HALL, { family: 4 });
  if (address !== '127.0.0.1') throw new Error(`${TOWN_HALL} resolves to ${address}, not 127.0.0.1: fix ${HOSTS}`);
}
