import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendRequest, hostParts } from '../../src-shared/docs/room-doc';
import { withOutbox } from '../../src-renderer/attendee/outbox-view';
import { readPhone } from '../../src-renderer/attendee/phone-view';

const at = 1_700_000_000_000;

describe('withOutbox', () => {
  it('shows questions from the outbox as waiting to send before the room document has loaded', () => {
    const view = withOutbox(null, [
      { kind: 'ask', id: 'req-a1', text: 'First?' },
      { kind: 'ask', id: 'req-a2', text: 'Second?' },
      { kind: 'vote', id: 'req-v1', questionId: 'q-1' },
    ]);
    expect(view.mine.map((m) => [m.key, m.state, m.text])).toEqual([
      ['req-a2', 'sending', 'Second?'],
      ['req-a1', 'sending', 'First?'],
    ]);
    expect([...view.voted]).toEqual(['q-1']);
    expect(view.pendingCount).toBe(3);
    expect(view.board.questions).toEqual([]);
  });

  it('adds only what the room document does not hold, so nothing shows twice', () => {
    const doc = new Y.Doc();
    appendRequest(doc, { kind: 'ask', id: 'req-a1', text: 'In the doc' });
    const { receipts, mine } = hostParts(doc);
    doc.transact(() => {
      receipts.set('req-a1', { ok: true, at, questionId: 'q-mine1' });
      mine.set('q-mine1', { id: 'q-mine1', requestId: 'req-a1', text: 'In the doc', status: 'waiting', askedAt: at });
    });
    const room = readPhone(doc);
    const view = withOutbox(room, [
      { kind: 'ask', id: 'req-a1', text: 'In the doc' },
      { kind: 'ask', id: 'req-a2', text: 'Only in the outbox' },
    ]);
    expect(view.mine.map((m) => [m.key, m.state])).toEqual([
      ['req-a2', 'sending'],
      ['q-mine1', 'waiting'],
    ]);
    expect(view.pendingCount).toBe(1);
    expect(withOutbox(room, [{ kind: 'ask', id: 'req-a1', text: 'In the doc' }])).toBe(room);
  });
});

describe('readPhone with a request in the document twice', () => {
  it('counts and shows it once (replayed from the outbox while the host’s copy had it)', () => {
    const doc = new Y.Doc();
    appendRequest(doc, { kind: 'ask', id: 'req-a1', text: 'Once' });
    appendRequest(doc, { kind: 'ask', id: 'req-a1', text: 'Once' });
    const view = readPhone(doc);
    expect(view.mine).toHaveLength(1);
    expect(view.pendingCount).toBe(1);
    expect([...view.requestIds]).toEqual(['req-a1']);
  });
});
