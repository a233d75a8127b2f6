import { describe, expect, it } from 'vitest';
import type { DeskQuestion } from '../../src-shared/features/questions/views';
import {
  actionFor,
  consoleSections,
  keepSelection,
  moveSelection,
  navigableIds,
} from '../../src-renderer/console/selection';

const q = (id: string, status: DeskQuestion['status'], votes = 0, askedAt = 0): DeskQuestion => ({
  id,
  text: id,
  name: '',
  votes,
  status,
  askedAt,
  device: 'd1',
  original: null,
  mergedInto: null,
  mergedCount: 0,
  held: [],
  askerMuted: false,
});

describe('console selection', () => {
  const questions = [
    q('w2', 'waiting', 0, 2),
    q('w1', 'waiting', 0, 1),
    q('s1', 'on-screen', 1, 3),
    q('s2', 'on-screen', 5, 4),
    q('f1', 'on-floor', 0, 5),
    q('a1', 'answered', 9, 6),
    q('h1', 'hidden', 0, 7),
    q('x1', 'withdrawn', 0, 8),
  ];
  const sections = consoleSections(questions);

  it('splits into queue (oldest first), board (floor, votes, answered last) and hidden', () => {
    expect(sections.waiting.map((x) => x.id)).toEqual(['w1', 'w2']);
    expect(sections.board.map((x) => x.id)).toEqual(['f1', 's2', 's1', 'a1']);
    expect(sections.hidden.map((x) => x.id)).toEqual(['h1']);
  });

  it('walks hidden items only when their list is open', () => {
    expect(navigableIds(sections, false)).not.toContain('h1');
    expect(navigableIds(sections, true).at(-1)).toBe('h1');
  });

  it('moves and clamps', () => {
    const ids = ['a', 'b', 'c'];
    expect(moveSelection(ids, null, 1)).toBe('a');
    expect(moveSelection(ids, null, -1)).toBe('c');
    expect(moveSelection(ids, 'a', -1)).toBe('a');
    expect(moveSelection(ids, 'b', 1)).toBe('c');
    expect(moveSelection(ids, 'c', 1)).toBe('c');
    expect(moveSelection([], 'c', 1)).toBeNull();
  });

  it('keeps the selection near where it was when an item leaves the list', () => {
    expect(keepSelection(['a', 'b', 'c'], ['a', 'c'], 'b')).toBe('c');
    expect(keepSelection(['a', 'b', 'c'], ['a', 'b'], 'c')).toBe('b');
    expect(keepSelection(['a', 'b'], ['a', 'b'], 'b')).toBe('b');
    expect(keepSelection(['a'], [], 'a')).toBeNull();
    expect(keepSelection([], ['x'], null)).toBeNull();
  });

  it('maps shortcuts to the commands each status allows', () => {
    expect(actionFor('a', q('w', 'waiting'))).toEqual({ command: 'approve', questionId: 'w' });
    expect(actionFor('a', q('h', 'hidden'))).toEqual({ command: 'approve', questionId: 'h' });
    expect(actionFor('a', q('s', 'on-screen'))).toBeNull();
    expect(actionFor('h', q('s', 'on-screen'))).toEqual({ command: 'hide', questionId: 's' });
    expect(actionFor('h', q('h', 'hidden'))).toBeNull();
    expect(actionFor('f', q('s', 'on-screen'))).toEqual({ command: 'setFloor', questionId: 's' });
    expect(actionFor('f', q('f', 'on-floor'))).toEqual({ command: 'setFloor', questionId: null });
    expect(actionFor('f', q('w', 'waiting'))).toBeNull();
    expect(actionFor('d', q('f', 'on-floor'))).toEqual({ command: 'markAnswered', questionId: 'f' });
    expect(actionFor('d', q('a', 'answered'))).toBeNull();
  });
});
