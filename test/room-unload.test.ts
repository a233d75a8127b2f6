/**
 * Issue 9 (host RSS): a phone's room leaves the host's memory when no transport has used it for a while,
 * and comes back from the store, whole, when one connects. Real host, real sockets, real SQLite; the host
 * unloads at once (`roomIdleMs: 0`), and the tests wait on the count of rooms in memory, never on time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { roomParts } from '../src-shared/docs/room-doc.js';
import { Store } from '../src-main/host/store/store.js';
import { startTestHost, TestPhone, waitFor, type TestHost } from './helpers/host-harness';
import { rawClient, syncMessage, type RawClient } from './helpers/hostile';

let host: TestHost | undefined;
const phones: TestPhone[] = [];
const clients: RawClient[] = [];
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of phones.splice(0)) p.destroy();
  for (const c of clients.splice(0)) c.ws.terminate();
  for (const p of providers.splice(0)) p.destroy();
  await host?.stop();
  host = undefined;
});

/** Resolves when `check` holds; looks again after every turn of the host's event loop (same process). */
async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const roomsInMemory = () => host!.host.roomsInMemory();

function phone(roomId: string): TestPhone {
  const p = new TestPhone(host!.lanOrigin, roomId);
  phones.push(p);
  return p;
}

async function joined(code: string): Promise<string> {
  const j = await host!.join(code);
  if (!j.ok) throw new Error(j.error);
  return j.roomId;
}

const updateMsg = (u: Uint8Array): Uint8Array => syncMessage(syncProtocol.messageYjsUpdate, u);

/** A Yjs update that appends `request` to a room's `requests`, from a client of its own (as the fuzz sends). */
function requestUpdate(request: unknown): Uint8Array {
  const doc = new Y.Doc();
  let out: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => (out = u));
  doc.getArray('requests').push([request]);
  return out!;
}

describe('idle rooms leave memory (issue 9, host RSS)', () => {
  it('a restart loads no room until its phone connects; a request stored but never logged is decided then', async () => {
    host = await startTestHost();
    const code = await host.openSession('Restart', false);
    const roomA = await joined(code);
    await joined(code);
    const dataDir = host.dataDir;
    await host.stop(false);
    // A request reached room A's store, and the host died before it was logged.
    const store = new Store(dataDir);
    store.appendDocUpdate(`room-${roomA}`, requestUpdate({ kind: 'ask', id: 'stored-not-logged', text: 'Stored before the crash' }));
    store.close();

    // Nor is any room handed to the gateway (a WebRTC provider each) before its phone subscribes on /signal.
    const announced: string[] = [];
    host = await startTestHost(dataDir, { onRoom: (name, change) => void (change === 'opened' && announced.push(name)) });
    expect(roomsInMemory()).toBe(0);
    expect(announced).toEqual([]);
    expect(host.host.currentSession()!.questions).toBe(0);
    const a = phone(roomA);
    expect(await a.until(() => a.receipt('stored-not-logged'))).toMatchObject({ ok: true });
    expect(roomsInMemory()).toBe(1);
    expect(host.host.currentSession()!.questions).toBe(1);
  });

  it('an idle room is unloaded and comes back with its requests, receipts and private view, changed meanwhile', async () => {
    host = await startTestHost(undefined, { roomIdleMs: 0 });
    const code = await host.openSession('Unload', true);
    const roomId = await joined(code);
    const first = phone(roomId);
    await first.synced();
    const askId = first.send({ kind: 'ask', text: 'Will my question survive?' });
    const receipt = await first.until(() => first.receipt(askId));
    expect(receipt).toMatchObject({ ok: true });
    const questionId = (receipt as { questionId: string }).questionId;
    await first.until(() => roomParts(first.doc).mine.get(questionId)?.status === 'waiting');

    first.destroy();
    await until(() => roomsInMemory() === 0, 'the room to leave memory');

    // While the room is out of memory, the moderator puts the question on screen: the phone's own view
    // of it (`mine`) changes without the room being loaded.
    await host.mustControl('approve', { questionId });
    expect(roomsInMemory()).toBe(0);

    // A phone that lost everything (a new Y.Doc) connects: the room is loaded from the store.
    const again = phone(roomId);
    await again.synced();
    expect(roomsInMemory()).toBe(1);
    expect(roomParts(again.doc).requests.toArray()).toContainEqual(expect.objectContaining({ id: askId, kind: 'ask' }));
    expect(again.receipt(askId)).toMatchObject({ ok: true, questionId });
    await again.until(() => roomParts(again.doc).mine.get(questionId)?.status === 'on-screen');
    expect(host.host.question(questionId)?.moderation).toBe('approved');
  });

  it('a phone that sent requests while its room was unloaded gets their receipts when it reconnects', async () => {
    host = await startTestHost(undefined, { roomIdleMs: 0 });
    const code = await host.openSession('Reconnect', false);
    const p = phone(await joined(code));
    await p.synced();
    const askId = p.send({ kind: 'ask', text: 'Asked online' });
    const { questionId } = (await p.until(() => p.receipt(askId))) as { questionId: string };

    p.provider.disconnect();
    await until(() => roomsInMemory() === 0, 'the room to leave memory');
    // Offline, the phone votes (its copy keeps the request, as IndexedDB would).
    const voteId = p.send({ kind: 'vote', questionId });
    p.provider.connect();
    expect(await p.until(() => p.receipt(voteId), 10_000)).toMatchObject({ ok: true });
    expect(p.receipt(askId)).toMatchObject({ ok: true, questionId });
    await p.until(() => roomParts(p.doc).myVotes.get(questionId) === true);
    expect(host.host.question(questionId)?.votes).toBe(1);
  });

  it('a request sent just before the phone went away is answered, and its receipt is in the room when it comes back', async () => {
    host = await startTestHost(undefined, { roomIdleMs: 0 });
    const code = await host.openSession('Gone', false);
    const roomId = await joined(code);
    const p = phone(roomId);
    await p.synced();
    const askId = p.send({ kind: 'ask', text: 'Sent as the screen locked' });
    p.destroy(); // the update is on the wire; the socket closes right behind it
    await until(() => roomsInMemory() === 0, 'the room to leave memory');
    expect(host.host.currentSession()?.questions).toBe(1);

    const back = phone(roomId);
    await back.synced();
    expect(back.receipt(askId)).toMatchObject({ ok: true });
  });

  it('a room full of junk leaves memory once nothing is connected to it; a connected phone keeps its room', async () => {
    host = await startTestHost(undefined, { roomIdleMs: 0 });
    const code = await host.openSession('Junk', false);
    const good = await host.phone(code);
    const junkRoom = await joined(code);
    const c = await rawClient(`${host.lanOrigin.replace('http', 'ws')}/sync/room-${junkRoom}`);
    clients.push(c);
    const ids = Array.from({ length: 200 }, (_, i) => `junk-${i}`);
    for (const id of ids) c.ws.send(updateMsg(requestUpdate({ kind: 'delete-everything', id, text: 'x'.repeat(500) })));
    await until(() => host!.host.receipt(junkRoom, ids.at(-1)!) !== undefined, 'the junk to be refused');
    expect(roomsInMemory()).toBe(2);

    c.ws.close();
    await until(() => roomsInMemory() === 1, 'the junk room to leave memory');
    // The phone that stayed connected keeps its room, and is answered as before.
    const id = good.send({ kind: 'ask', text: 'Still answered?' });
    expect(await good.until(() => good.receipt(id))).toMatchObject({ ok: true });
    expect(roomsInMemory()).toBe(1);
    // The junk and its refusals were stored before the room left: a later look finds them.
    expect(host.host.receipt(junkRoom, ids[0]!)).toMatchObject({ ok: false });
  });

  it("the gateway's link (WebRTC) loads an unloaded room and keeps it loaded; signaling does not load it", async () => {
    host = await startTestHost(undefined, { roomIdleMs: 0 });
    const code = await host.openSession('Gateway', false);
    const roomId = await joined(code);
    await until(() => roomsInMemory() === 0, 'the room to leave memory');

    // /signal admits the phone to its room's topic without loading the room.
    const signal = await rawClient(`${host.lanOrigin.replace('http', 'ws')}/signal`);
    clients.push(signal);
    signal.json({ type: 'subscribe', topics: [`room-${roomId}`] });
    signal.json({ type: 'ping' });
    await signal.until((m) => ((m as { type?: string }).type === 'pong' ? true : undefined));
    expect(signal.messages.filter((m) => (m as { type?: string }).type === 'error')).toHaveLength(0);
    expect(roomsInMemory()).toBe(0);

    // The gateway's host link (loopback /sync with the token) carries a phone's request, as it does for WebRTC.
    const doc = new Y.Doc();
    const link = new WebsocketProvider(`${host.host.loopbackOrigin.replace('http', 'ws')}/sync`, `room-${roomId}`, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: { t: host.host.token },
    });
    providers.push(link);
    await new Promise<void>((r) => (link.synced ? r() : link.once('sync', () => r())));
    expect(roomsInMemory()).toBe(1);
    roomParts(doc).requests.push([{ kind: 'ask', id: 'over-webrtc', text: 'Through the gateway' }]);
    expect(await waitFor(doc, () => roomParts(doc).receipts.get('over-webrtc'))).toMatchObject({ ok: true });
    // Linked, it stays: another phone's room comes and goes, this one leaves only with the link.
    const other = await host.phone(code);
    expect(roomsInMemory()).toBe(2);
    other.destroy();
    await until(() => roomsInMemory() === 1, "the other phone's room to leave");
    link.destroy();
    await until(() => roomsInMemory() === 0, 'the room to leave with its link');
    expect(host.host.receipt(roomId, 'over-webrtc')).toMatchObject({ ok: true });
  });
});
