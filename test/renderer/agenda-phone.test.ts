import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';

import { writeBoardHeader } from '../../src-shared/docs/board-doc';
import { appendRequest, hostParts } from '../../src-shared/docs/room-doc';
import { readPhoneAgenda } from '../../src-renderer/attendee/agenda-view';
import { bestOffset } from '../../src-renderer/attendee/host-clock';
import { ordinal } from '../../src-renderer/ui/agenda/labels';

const item = (id: string, signupOpen = true) => ({ id, title: `Item ${id}`, description: '', speakingMs: 180_000, publicComment: true, signupOpen });

function room(): Y.Doc {
  const doc = new Y.Doc();
  writeBoardHeader(doc, {
    session: { id: 'sess-1', title: 'Council', place: '', status: 'open', paperCodesRequired: false },
    join: null,
    floor: null,
    connected: 2,
    pollShown: null,
    agenda: { items: [item('item-aaaa'), item('item-bbbb', false)], current: 'item-aaaa' },
    speaking: null,
  });
  return doc;
}

describe('the phone’s view of its sign-ups', () => {
  it('sending, then its place once the host answered; a refusal shows its reason', () => {
    const doc = room();
    appendRequest(doc, { kind: 'speak', id: 'req-speak1', itemId: 'item-aaaa', subject: 'Parks' });
    appendRequest(doc, { kind: 'speak', id: 'req-speak2', itemId: 'item-bbbb' });
    let view = readPhoneAgenda(doc);
    expect(view.byItem.get('item-aaaa')).toEqual({ entry: null, sending: 'speak', refusal: null });

    hostParts(doc).receipts.set('req-speak1', { ok: true, at: 1 });
    hostParts(doc).receipts.set('req-speak2', { ok: false, at: 1, reason: 'Sign-up to speak on this item has closed.' });
    view = readPhoneAgenda(doc);
    // Accepted, but the place has not arrived yet: still on its way.
    expect(view.byItem.get('item-aaaa')!.sending).toBe('speak');
    expect(view.byItem.get('item-bbbb')).toEqual({ entry: null, sending: null, refusal: 'Sign-up to speak on this item has closed.' });

    hostParts(doc).mySpeaking.set('spk-000001', { itemId: 'item-aaaa', speakerId: 'spk-000001', requestId: 'req-speak1', status: 'waiting', place: 3, allowedMs: 180_000, usedMs: null });
    view = readPhoneAgenda(doc);
    expect(view.byItem.get('item-aaaa')).toMatchObject({ sending: null, entry: { place: 3, status: 'waiting' } });

    appendRequest(doc, { kind: 'unspeak', id: 'req-unspk1', itemId: 'item-aaaa' });
    expect(readPhoneAgenda(doc).byItem.get('item-aaaa')!.sending).toBe('unspeak');
  });

  it('a board without an agenda gives nothing to show', () => {
    const doc = new Y.Doc();
    expect(readPhoneAgenda(doc)).toMatchObject({ agenda: null, speaking: null });
  });

  it('says places in English ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th']);
  });
});

describe('the host clock offset', () => {
  it('keeps the offset of the quickest round trip: a phone 5 minutes fast learns −5 minutes', () => {
    const host = 1_700_000_000_000;
    const phone = host + 300_000;
    const best = bestOffset([
      { sent: phone, received: phone + 400, hostNow: host + 350 }, // slow answer, host time skewed toward its end
      { sent: phone + 1000, received: phone + 1010, hostNow: host + 1005 },
      { sent: phone + 2000, received: phone + 1990, hostNow: host }, // clock went backwards: ignored
    ]);
    expect(best).toEqual({ offset: -300_000, rtt: 10 });
    expect(bestOffset([])).toBeNull();
  });
});
