import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decidePhoneRequest } from '../src-shared/decide-phone.js';
import { hostParts, roomParts } from '../src-shared/docs/room-doc.js';
import { newId } from '../src-shared/ids.js';
import { FAILED_REASON, RequestPipeline } from '../src-main/host/pipeline/request-pipeline.js';
import { RoomDocs, type Room } from '../src-main/host/rooms/room-docs.js';
import { SessionLog } from '../src-main/host/store/session-log.js';
import { Store } from '../src-main/host/store/store.js';
import { StoreThenSend } from '../src-main/host/pipeline/store-then-send.js';
import { MIGRATIONS, schemaVersion } from '../src-main/host/store/store-migrations.js';

/** The centre's pieces on a real store in a temp folder, without listeners. */
const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  while (stores.length > 0) stores.pop()!.close();
  while (dirs.length > 0) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function tempStore(): { dir: string; store: Store } {
  const dir = mkdtempSync(join(tmpdir(), 'open-floor-centre-'));
  dirs.push(dir);
  const store = new Store(dir);
  stores.push(store);
  return { dir, store };
}

function openSessionLog(store: Store): SessionLog {
  const id = newId();
  store.createSession({ id, createdAt: Date.now(), title: 'Centre', joinCode: 'ABCDEF', secret: 'secret' });
  const log = new SessionLog(store, id);
  const r = log.commit(() =>
    log.append('facilitator', [
      { type: 'session.created', sessionId: id, title: 'Centre', place: '', timeZone: 'UTC' },
      { type: 'settings.changed', premoderation: false },
      { type: 'session.opened' },
    ]),
  );
  if (!r.ok) throw r.error;
  return log;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the request pipeline', () => {
  it('a request that throws gets an error receipt and never aborts the batch', async () => {
    const { store } = tempStore();
    const log = openSessionLog(store);
    const turn = new StoreThenSend((fn) => store.transaction(fn));
    const projected: number[] = [];
    let pipeline: RequestPipeline | null = null;
    const rooms = new RoomDocs(store, turn, (room, raw) => pipeline!.enqueue(room, raw));
    pipeline = new RequestPipeline({
      log,
      rooms,
      project: (applied) => projected.push(applied.events.length),
      onStorage: () => {},
      // A bug in the rules for one request: it throws.
      decide: (state, deviceId, request, ids) => {
        if (request.kind === 'ask' && request.text === 'explode') throw new Error('a bug in the rules');
        return decidePhoneRequest(state, deviceId, request, ids);
      },
    });
    const room: Room = rooms.open('room0000001', 'device0000001');
    const receipts = hostParts(room.doc).receipts;
    // One phone transaction, three requests: one batch.
    room.doc.transact(() => {
      roomParts(room.doc).requests.push([
        { kind: 'ask', id: 'request-before', text: 'Before the bug' },
        { kind: 'ask', id: 'request-throws', text: 'explode' },
        { kind: 'ask', id: 'request-after', text: 'After the bug' },
      ]);
    }, 'phone');
    await nextTurn();
    await nextTurn();
    expect(receipts.get('request-throws')).toMatchObject({ ok: false, reason: FAILED_REASON });
    expect(receipts.get('request-before')).toMatchObject({ ok: true });
    expect(receipts.get('request-after')).toMatchObject({ ok: true });
    expect([...log.state.questions.values()].map((q) => q.text)).toEqual(['Before the bug', 'After the bug']);
    expect(projected).toEqual([2]); // one commit, one projection for the whole batch
    pipeline.dispose();
    rooms.dispose();
  });
});

describe('store then send', () => {
  it('sends a turn only after its writes committed, and holds sends while storing fails', () => {
    const order: string[] = [];
    let failing = false;
    const failures: Array<string | null> = [];
    const turn = new StoreThenSend(
      (fn) => {
        order.push('begin');
        fn();
        if (failing) {
          order.push('rollback');
          throw new Error('disk full');
        }
        order.push('commit');
      },
      (failure) => failures.push(failure ? failure.message : null),
      60_000,
    );
    let written = 0;
    turn.store({ write: () => order.push('write'), written: () => written++ });
    turn.send(() => order.push('send'));
    turn.send(() => order.push('send desk'), { beforeStored: true });
    expect(turn.flush()).toBe(true);
    expect(order).toEqual(['begin', 'write', 'commit', 'send desk', 'send']);
    expect(written).toBe(1);

    order.length = 0;
    failing = true;
    turn.store({ write: () => order.push('write'), written: () => written++ });
    turn.send(() => order.push('send'));
    turn.send(() => order.push('send desk'), { beforeStored: true });
    expect(turn.flush()).toBe(false);
    expect(order).toEqual(['begin', 'write', 'rollback', 'send desk']);
    expect(written).toBe(1);
    expect(failures).toEqual(['disk full']);

    order.length = 0;
    failing = false;
    expect(turn.flush()).toBe(true);
    expect(order).toEqual(['begin', 'write', 'commit', 'send']);
    expect(written).toBe(2);
    expect(failures).toEqual(['disk full', null]);
    turn.dispose();
  });

  it('keeps a document update pending when its store rolls back, and stores it on the next try', () => {
    const { dir, store } = tempStore();
    let failing = true;
    const turn = new StoreThenSend((fn) =>
      store.transaction(() => {
        fn();
        if (failing) throw new Error('commit failed');
      }),
    );
    const rooms = new RoomDocs(store, turn, () => {});
    const room = rooms.open('roomPersist1', 'devicePersist1');
    room.doc.getMap('probe').set('kept', 'yes');
    expect(turn.flush()).toBe(false);
    failing = false;
    expect(turn.flush()).toBe(true);
    rooms.dispose();
    turn.dispose();

    const again = new Store(dir);
    stores.push(again);
    const reopened = new RoomDocs(again, new StoreThenSend((fn) => again.transaction(fn)), () => {});
    expect(reopened.open('roomPersist1', 'devicePersist1').doc.getMap('probe').get('kept')).toBe('yes');
    reopened.dispose();
  });
});

describe('the session log', () => {
  it('a failed commit leaves the state as the log on disk, and the next commit chains on', () => {
    const { store } = tempStore();
    const log = openSessionLog(store);
    const before = { seq: log.state.lastSeq, hash: log.state.lastHash };
    store.db.pragma('query_only = 1');
    const failed = log.commit(() =>
      log.append('device:device0000001', [
        { type: 'question.asked', questionId: 'question00001', deviceId: 'device0000001', requestId: 'request00001', text: 'Lost?', name: '', approved: true },
      ]),
    );
    expect(failed).toMatchObject({ ok: false });
    expect(log.state.questions.size).toBe(0);
    expect({ seq: log.state.lastSeq, hash: log.state.lastHash }).toEqual(before);
    store.db.pragma('query_only = 0');
    const ok = log.commit(() => log.append('facilitator', [{ type: 'settings.changed', premoderation: true }]));
    expect(ok).toMatchObject({ ok: true });
    expect(log.state.lastSeq).toBe(before.seq + 1);
  });
});

describe('store migrations', () => {
  it('a data folder made by this version opens after a later migration, with its data', () => {
    const { dir, store } = tempStore();
    const log = openSessionLog(store);
    expect(schemaVersion(store.db)).toBe(MIGRATIONS.length);
    stores.pop()!.close();

    const next = [...MIGRATIONS, { name: 'a later version adds a table', sql: 'CREATE TABLE later (x TEXT);' }];
    const upgraded = new Store(dir, { migrations: next });
    stores.push(upgraded);
    expect(schemaVersion(upgraded.db)).toBe(MIGRATIONS.length + 1);
    expect(upgraded.events(log.sessionId)).toHaveLength(3);
    expect(() => upgraded.db.prepare('SELECT x FROM later').all()).not.toThrow();
    stores.pop()!.close();

    // And this version refuses a folder from that later one, saying why.
    expect(() => new Store(dir)).toThrow(/written by a newer Open Floor/);
  });

  it('a data folder from before versioning (user_version 0) is brought to the current version untouched', () => {
    const { dir, store } = tempStore();
    const log = openSessionLog(store);
    store.db.pragma('user_version = 0');
    stores.pop()!.close();
    const reopened = new Store(dir);
    stores.push(reopened);
    expect(schemaVersion(reopened.db)).toBe(MIGRATIONS.length);
    expect(reopened.events(log.sessionId)).toHaveLength(3);
  });
});
