import { buildPublicRecord } from '../src-shared/publish/public-record.js';
import { exportSession } from '../src-main/host/export/export-session.js';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../src-main/host/store/store.js';
import { COMMENT_REFUSALS } from '../src-shared/refusals.js';
import { must, startTestHost, type TestHost } from './helpers/host-harness.js';

let host: TestHost | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
});

describe('written comments through the host', () => {
  it('a comment sent twice with the same request id is one event; the desk lists it, the board never; a refusal reaches the phone', async () => {
    host = await startTestHost();
    const code = await host.openSession('Council', false);
    const { itemId: budget } = await must(host.control('addItem', { title: 'Budget' }));
    const { itemId: minutes } = await must(host.control('addItem', { title: 'Minutes', publicComment: false }));
    await must(host.control('setCurrentItem', { itemId: budget }));
    const phone = await host.phone(code);

    const id = phone.send({ kind: 'comment', itemId: budget, text: 'Keep the library open on Sundays.', name: 'Ana' });
    phone.send({ kind: 'comment', id, itemId: budget, text: 'Keep the library open on Sundays.', name: 'Ana' });
    expect(await phone.until(() => phone.receipt(id))).toMatchObject({ ok: true });
    // And once more after its receipt: answered from the log, never decided again.
    phone.send({ kind: 'comment', id, itemId: budget, text: 'Keep the library open on Sundays.', name: 'Ana' });

    const refused = phone.send({ kind: 'comment', itemId: minutes, text: 'About the minutes' });
    expect(await phone.until(() => phone.receipt(refused))).toMatchObject({ ok: false, reason: COMMENT_REFUSALS.noPublicComment });

    const desk = await host.desk();
    const comments = await desk.until(() => (desk.view().comments.length > 0 ? desk.view().comments : null));
    expect(comments.map((c) => [c.itemId, c.text, c.name])).toEqual([[budget, 'Keep the library open on Sundays.', 'Ana']]);
    expect(JSON.stringify(phone.board())).not.toContain('library');

    const dataDir = host.dataDir;
    const sessionId = host.host.currentSession()!.id;
    await host.stop(false);
    host = null;
    const store = new Store(dataDir, { readOnly: true });
    try {
      const written = store.events(sessionId).filter((e) => e.body.type === 'comment.written');
      expect(written).toHaveLength(1);
      expect(written[0]!.actor).toMatch(/^device:/);
    } finally {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a phone the facilitator muted still gets its comment received, but the minutes and the published record leave it out and count it', async () => {
    host = await startTestHost();
    const code = await host.openSession('Council', false);
    const { itemId } = await must(host.control('addItem', { title: 'Budget' }));
    await must(host.control('setCurrentItem', { itemId }));
    const phone = await host.phone(code);
    const asked = phone.send({ kind: 'ask', text: 'A rude question' });
    const questionId = ((await phone.until(() => phone.receipt(asked))) as { questionId: string }).questionId;
    await must(host.control('muteAsker', { questionId }));
    const id = phone.send({ kind: 'comment', itemId, text: 'Rude words again, in writing.' });
    expect(await phone.until(() => phone.receipt(id))).toMatchObject({ ok: true });
    const desk = await host.desk();
    expect(await desk.until(() => desk.view().comments[0])).toMatchObject({ text: 'Rude words again, in writing.', muted: true });

    const sessionId = host.host.currentSession()!.id;
    const store = new Store(host.dataDir, { readOnly: true });
    try {
      const md = new TextDecoder().decode((await exportSession(store, sessionId, 'md', { locale: 'en-GB' })).data);
      expect(md).not.toContain('Rude words again');
      expect(md).toContain('1 written comment came from a phone the facilitator had muted');
      const record = JSON.stringify(buildPublicRecord(store.events(sessionId), (t) => t));
      expect(record).not.toContain('Rude words again');
      expect(record).toContain('"withheld":"muted"');
    } finally {
      store.close();
    }
  });
});

