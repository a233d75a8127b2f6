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
});
