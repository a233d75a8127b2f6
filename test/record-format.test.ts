import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STORE_FILE, Store } from '../src-main/host/store/store.js';
import { chainEvent, verifyChain } from '../src-shared/hash-chain.js';
import { renderArchiveJson, verifyArchive } from '../src-shared/minutes/archive.js';
import { newerFormatMessage, RECORD_FORMAT, RecordFormatError } from '../src-shared/record/format.js';
import { UPGRADE_STEPS, upgradeEvent } from '../src-shared/record/upgrade-event.js';

const created = chainEvent(null, 1_700_000_000_000, 'facilitator', {
  type: 'session.created',
  sessionId: 's1',
  title: 'Council',
  place: 'Hall',
  timeZone: 'UTC',
});

describe('record format and the upgrade on read', () => {
  it('format 1 is today: one step per earlier format, and an event of today reads as it was stored', () => {
    expect(RECORD_FORMAT).toBe(1);
    expect(UPGRADE_STEPS).toHaveLength(RECORD_FORMAT - 1);
    const read = upgradeEvent(JSON.parse(JSON.stringify(created)));
    expect(read).toEqual(created);
    expect(verifyChain([read])).toMatchObject({ ok: true });
  });

  it('keeps fields of the body it does not know (they are hashed), and refuses an envelope that is not an event', () => {
    const withExtra = chainEvent(null, 1, 'host', { type: 'session.opened', later: 'field' } as never);
    expect(upgradeEvent(JSON.parse(JSON.stringify(withExtra))).body).toEqual({ type: 'session.opened', later: 'field' });
    expect(verifyChain([upgradeEvent(JSON.parse(JSON.stringify(withExtra)))])).toMatchObject({ ok: true });
    expect(() => upgradeEvent({ ...created, body: { type: 'session.renamed' } })).toThrow(/#1 is not an event of the log: body.type/);
    expect(() => upgradeEvent({ ...created, actor: 'mallory' })).toThrow(RecordFormatError);
    expect(() => upgradeEvent(null)).toThrow(/\(no number\)/);
  });

  it('an event of a newer format gets the message that says to update, not a crash', () => {
    expect(() => upgradeEvent(created, RECORD_FORMAT + 1, 'archive')).toThrow(newerFormatMessage('archive', RECORD_FORMAT + 1));
    expect(newerFormatMessage('archive', 2)).toBe(
      `This archive was written by a newer Open Floor (format 2); this version reads up to format ${RECORD_FORMAT}. Update Open Floor to open it.`,
    );
  });

  it('an archive of a newer format is refused with that message; today’s archives say their format', () => {
    const archive = JSON.parse(renderArchiveJson([created], 5)) as { version: number };
    expect(archive.version).toBe(RECORD_FORMAT);
    expect(verifyArchive(archive)).toMatchObject({ ok: true });
    expect(verifyArchive({ ...archive, version: RECORD_FORMAT + 1, events: 'whatever' })).toEqual({
      ok: false,
      badSeq: null,
      reason: newerFormatMessage('archive', RECORD_FORMAT + 1),
    });
  });

  it('the store records which format wrote a session, reads events through the upgrade, and refuses a newer one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'open-floor-format-'));
    try {
      const store = new Store(dir);
      store.createSession({ id: 's1', createdAt: 1, title: 'Council', joinCode: 'ABCD', secret: 'x' });
      store.appendEvents('s1', null, created.at, 'facilitator', [created.body]);
      expect(store.recordFormat('s1')).toBe(RECORD_FORMAT);
      expect(store.events('s1')).toEqual([created]);
      store.db.prepare('UPDATE sessions SET record_format = ? WHERE id = ?').run(RECORD_FORMAT + 1, 's1');
      expect(() => store.events('s1')).toThrow(newerFormatMessage('data folder', RECORD_FORMAT + 1));
      store.close();
      // A store of a newer schema is refused by a read-only open too (the CLI's export and listing).
      const raw = new Database(join(dir, STORE_FILE));
      raw.pragma('user_version = 99');
      raw.close();
      expect(() => new Store(dir, { readOnly: true })).toThrow(/written by a newer Open Floor .*Update Open Floor to open it/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
