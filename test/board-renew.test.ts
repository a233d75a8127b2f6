/**
 * Issue 21: a vote rewrites its question on the board, and the old value stayed behind as a Yjs item that
 * every phone downloaded. Renewing the nested map (json-map.ts, done by Projections) drops that history.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { BOARD_MAP, readBoard } from '../src-shared/docs/board-doc.js';
import { childMap, putEntry, renewChildMap } from '../src-shared/docs/json-map.js';
import type { BoardQuestion } from '../src-shared/features/questions/views.js';

const question = (i: number, votes: number): BoardQuestion => ({ id: `q${i}`, text: `Question ${i}`, name: '', votes, status: 'on-screen', askedAt: i });

/** A host board and a phone replica fed update by update, as the sync server does. */
function boardAndReplica() {
  const host = new Y.Doc();
  const phone = new Y.Doc();
  host.on('update', (u: Uint8Array) => Y.applyUpdate(phone, u));
  const board = host.getMap<unknown>(BOARD_MAP);
  const vote = (i: number, votes: number) => host.transact(() => putEntry(childMap<BoardQuestion>(board, 'questions'), `q${i}`, question(i, votes)));
  return { host, phone, board, vote };
}

describe('renewing the board’s questions', () => {
  it('10,000 votes on 5 questions: without renewal the board keeps every count; renewed every 2,000 it holds the last ones only', () => {
    const plain = boardAndReplica();
    const renewed = boardAndReplica();
    for (let n = 0; n < 10_000; n++) {
      plain.vote(n % 5, n);
      renewed.vote(n % 5, n);
      if (n % 2_000 === 1_999) renewed.host.transact(() => renewChildMap(renewed.board, 'questions'));
    }
    const size = (d: Y.Doc) => Y.encodeStateAsUpdate(d).length;
    console.log(`[board-renew] 10,000 votes: ${size(plain.phone)} B without renewal, ${size(renewed.phone)} B renewed (phone copies)`);
    expect(size(plain.phone)).toBeGreaterThan(40_000);
    expect(size(renewed.host)).toBeLessThan(1_500);
    expect(size(renewed.phone)).toBeLessThan(1_500);
    // The phone reads the same board from either.
    expect(readBoard(renewed.phone).questions).toEqual(readBoard(plain.phone).questions);
    expect(readBoard(renewed.phone).questions.map((q) => q.votes).sort((a, b) => a - b)).toEqual([9_995, 9_996, 9_997, 9_998, 9_999]);
  });

  it('a phone that missed the renewal (offline) catches up from its own state vector and converges', () => {
    const { host, board, vote } = boardAndReplica();
    for (let n = 0; n < 50; n++) vote(n % 5, n);
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(host));
    for (let n = 50; n < 100; n++) vote(n % 5, n);
    host.transact(() => renewChildMap(board, 'questions'));
    vote(0, 1_000);
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(host, Y.encodeStateVector(offline)));
    expect(readBoard(offline).questions).toEqual(readBoard(host).questions);
    expect(readBoard(offline).questions.find((q) => q.id === 'q0')?.votes).toBe(1_000);
  });
});
