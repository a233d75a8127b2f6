import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendRequest, hostParts } from '../../src-shared/docs/room-doc';
import { readMyBallots } from '../../src-renderer/attendee/poll-view';

describe('readMyBallots (what the phone shows as its answer)', () => {
  it('shows a ballot as sending until its receipt, then the counted one, and a refusal with its reason', () => {
    const doc = new Y.Doc();
    appendRequest(doc, { kind: 'ballot', id: 'req-b1', pollId: 'poll-1', choices: [1] });
    expect(readMyBallots(doc).get('poll-1')).toEqual({ counted: null, sending: [1], refused: null });

    const { receipts, myBallots } = hostParts(doc);
    doc.transact(() => {
      receipts.set('req-b1', { ok: true, at: 1 });
      myBallots.set('poll-1', [1]);
    });
    expect(readMyBallots(doc).get('poll-1')).toEqual({ counted: [1], sending: null, refused: null });

    appendRequest(doc, { kind: 'ballot', id: 'req-b2', pollId: 'poll-1', choices: [0, 2] });
    receipts.set('req-b2', { ok: false, at: 2, reason: 'This poll takes one answer.' });
    expect(readMyBallots(doc).get('poll-1')).toEqual({ counted: [1], sending: null, refused: 'This poll takes one answer.' });

    // A "will retry" receipt is not an answer: still sending.
    appendRequest(doc, { kind: 'ballot', id: 'req-b3', pollId: 'poll-1', choices: [2] });
    receipts.set('req-b3', { ok: false, at: 3, reason: 'later', retry: true });
    expect(readMyBallots(doc).get('poll-1')).toEqual({ counted: [1], sending: [2], refused: null });
  });
});
