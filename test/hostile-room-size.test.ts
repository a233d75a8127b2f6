/** Issue 9, item 4: one phone cannot fill the host's data folder. Real host, real sockets, real SQLite. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { LIMITS } from '../src-shared/limits';
import { STORE_FILE } from '../src-main/host/store/store';
import { ROOM_FULL_REASON } from '../src-main/host/net/sync-server';
import { startTestHost, TestPhone, type TestHost } from './helpers/host-harness';
import { rawClient, syncMessage, sleep, type RawClient } from './helpers/hostile';

let host: TestHost | undefined;
const clients: RawClient[] = [];
const phones: TestPhone[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  for (const p of phones.splice(0)) p.destroy();
  await host?.stop();
  host = undefined;
});

/** Bytes stored for one document (read from the data folder's SQLite file, as a second reader). */
function storedBytes(dir: string, docName: string): number {
  const db = new Database(join(dir, STORE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT COALESCE(SUM(LENGTH(data)), 0) AS n FROM doc_updates WHERE doc = ?').get(docName) as { n: number }).n;
  } finally {
    db.close();
  }
}

const updateMsg = (u: Uint8Array): Uint8Array => syncMessage(syncProtocol.messageYjsUpdate, u);

describe('a room has a stored-size cap (issue 9, item 4)', () => {
  it('refuses junk past the cap with a reason, stores none of it, and the room still answers requests', async () => {
    host = await startTestHost();
    const code = await host.openSession('Junk', false);
    const joined = await host.join(code);
    if (!joined.ok) throw new Error(joined.error);
    const junk = new Y.Doc();
    const updates: Uint8Array[] = [];
    junk.on('update', (u: Uint8Array) => updates.push(u));
    // Twice the cap, in messages under the 64 KiB message limit.
    const chunks = Math.ceil((2 * LIMITS.roomStoredBytes) / 60_000);
    for (let i = 0; i < chunks; i++) junk.getText('junk').insert(0, String(i % 10).repeat(60_000));
    const c = await rawClient(`${host.lanOrigin.replace('http', 'ws')}/sync/room-${joined.roomId}`);
    clients.push(c);
    const reason = new Promise<string>((r) => c.ws.on('close', (_code, why) => r(why.toString())));
    for (const u of updates) {
      if (c.isClosed()) break;
      c.ws.send(updateMsg(u));
      await sleep(0);
    }
    expect(await Promise.race([reason, sleep(10_000).then(() => 'still open')])).toBe(ROOM_FULL_REASON);
    await sleep(200);
    expect(storedBytes(host.dataDir, `room-${joined.roomId}`)).toBeLessThanOrEqual(LIMITS.roomStoredBytes);

    // The same room, from a phone that starts clean, is still served and answered.
    const phone = new TestPhone(host.lanOrigin, joined.roomId);
    phones.push(phone);
    await phone.synced();
    const id = phone.send({ kind: 'ask', text: 'Is this room still answered?' });
    expect(await phone.until(() => phone.receipt(id), 10_000)).toMatchObject({ ok: true });
  }, 30_000);
});
