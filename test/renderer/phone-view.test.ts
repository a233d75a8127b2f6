import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EMPTY_BOARD, writeBoard } from '../../src-shared/docs/board-doc';
import { appendRequest, hostParts, roomParts } from '../../src-shared/docs/room-doc';
import { readPhone } from '../../src-renderer/attendee/phone-view';

const at = 1_700_000_000_000;

function room() {
  const doc = new Y.Doc();
  writeBoard(doc, {
    ...EMPTY_BOARD,
    session: { id: 'sess-1', title: 'Town hall', place: '', status: 'open', paperCodesRequired: false },
    join: { url: 'http://10.0.0.2:8080/j/ABC234', code: 'ABC234' },
    questions: [{ id: 'q-other1', text: 'Parking?', name: '', votes: 3, status: 'on-screen', askedAt: at }],
    floor: null,
    connected: 4,
  });
  return doc;
}

describe('readPhone', () => {
  it('shows an ask without a receipt as waiting to send', () => {
    const doc = room();
    appendRequest(doc, { kind: 'ask', id: 'req-ask1', text: 'Why the bus cuts?' });
    const view = readPhone(doc);
    expect(view.mine).toEqual([
      expect.objectContaining({ key: 'req-ask1', state: 'sending', text: 'Why the bus cuts?', canWithdraw: false }),
    ]);
    expect(view.pendingCount).toBe(1);
  });

  it('keeps a request the laptop could not store yet (a "will retry" receipt) as waiting to send', () => {
    const doc = room();
    appendRequest(doc, { kind: 'ask', id: 'req-ask1', text: 'Kept while the disk is full?' });
    hostParts(doc).receipts.set('req-ask1', { ok: false, at, reason: 'The laptop cannot save right now.', retry: true });
    const view = readPhone(doc);
    expect(view.mine).toEqual([expect.objectContaining({ key: 'req-ask1', state: 'sending', reason: null })]);
    expect(view.pendingCount).toBe(1);
  });

  it('uses the host status once accepted, and offers withdraw while waiting or on screen', () => {
    const doc = room();
    appendRequest(doc, { kind: 'ask', id: 'req-ask1', text: 'Why?' });
    const { receipts, mine } = hostParts(doc);
    doc.transact(() => {
      receipts.set('req-ask1', { ok: true, at, questionId: 'q-mine01' });
      mine.set('q-mine01', { id: 'q-mine01', requestId: 'req-ask1', text: 'Why?', status: 'waiting', askedAt: at });
    });
    const view = readPhone(doc);
    expect(view.mine).toEqual([expect.objectContaining({ key: 'q-mine01', state: 'waiting', canWithdraw: true })]);
    expect(view.pendingCount).toBe(0);

    appendRequest(doc, { kind: 'withdraw', id: 'req-wd001', questionId: 'q-mine01' });
    expect(readPhone(doc).mine[0]).toEqual(expect.objectContaining({ state: 'withdrawing', canWithdraw: false }));
  });

  it('shows the reason of a refused ask', () => {
    const doc = room();
    appendRequest(doc, { kind: 'ask', id: 'req-ask1', text: 'spam' });
    hostParts(doc).receipts.set('req-ask1', { ok: false, at, reason: 'Too many questions in a minute.' });
    expect(readPhone(doc).mine[0]).toEqual(
      expect.objectContaining({ state: 'rejected', reason: 'Too many questions in a minute.' }),
    );
  });

  it('applies pending votes optimistically, in order, over the counted ones', () => {
    const doc = room();
    const { receipts, myVotes } = hostParts(doc);
    expect(readPhone(doc).voted.has('q-other1')).toBe(false);
    appendRequest(doc, { kind: 'vote', id: 'req-vote1', questionId: 'q-other1' });
    expect(readPhone(doc).voted.has('q-other1')).toBe(true);
    doc.transact(() => {
      receipts.set('req-vote1', { ok: true, at });
      myVotes.set('q-other1', true);
    });
    expect(readPhone(doc).voted.has('q-other1')).toBe(true);
    appendRequest(doc, { kind: 'unvote', id: 'req-vote2', questionId: 'q-other1' });
    expect(readPhone(doc).voted.has('q-other1')).toBe(false);
  });

  it('lists refused votes with their reasons and ignores malformed entries', () => {
    const doc = room();
    roomParts(doc).requests.push([{ nonsense: true }, 42]);
    appendRequest(doc, { kind: 'vote', id: 'req-vote1', questionId: 'q-other1' });
    hostParts(doc).receipts.set('req-vote1', { ok: false, at, reason: 'Voting is closed.' });
    const view = readPhone(doc);
    expect(view.voteRejections).toEqual([{ requestId: 'req-vote1', questionId: 'q-other1', reason: 'Voting is closed.' }]);
    expect(view.voted.size).toBe(0);
    expect(view.board.questions).toHaveLength(1);
  });

  it('reads the board from the relay\'s board document for a remote phone, its own parts from its room', () => {
    const board = room();
    const doc = new Y.Doc();
    appendRequest(doc, { kind: 'ask', id: 'req-ask1', text: 'From home' });
    const view = readPhone(doc, board);
    expect(view.board.session?.title).toBe('Town hall');
    expect(view.board.questions.map((q) => q.id)).toEqual(['q-other1']);
    expect(view.mine).toEqual([expect.objectContaining({ key: 'req-ask1', state: 'sending' })]);
    expect(readPhone(doc).board.session).toBeNull();
  });
});
