import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { createYViewStore } from '../../src-renderer/ui/y-view-store';

describe('createYViewStore', () => {
  it('recomputes once per document version and keeps the snapshot stable in between', () => {
    const doc = new Y.Doc();
    const read = vi.fn((d: Y.Doc) => ({ n: d.getMap('m').size }));
    const store = createYViewStore(doc, read);
    const onChange = vi.fn();
    const off = store.subscribe(onChange);

    const first = store.getSnapshot();
    expect(store.getSnapshot()).toBe(first);
    expect(read).toHaveBeenCalledTimes(1);

    doc.getMap('m').set('a', 1);
    expect(onChange).toHaveBeenCalledTimes(1);
    const second = store.getSnapshot();
    expect(second).not.toBe(first);
    expect(second).toEqual({ n: 1 });
    expect(store.getSnapshot()).toBe(second);
    expect(read).toHaveBeenCalledTimes(2);

    off();
    doc.getMap('m').set('b', 2);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('sees an update made between the first snapshot and the subscription (render, then effect)', () => {
    const doc = new Y.Doc();
    const store = createYViewStore(doc, (d) => ({ n: d.getMap('m').size }));
    const rendered = store.getSnapshot();
    doc.getMap('m').set('loaded', 1); // e.g. IndexedDB finished loading before the effect subscribed
    store.subscribe(() => {});
    expect(store.getSnapshot()).not.toBe(rendered);
    expect(store.getSnapshot()).toEqual({ n: 1 });
  });
});

describe('createYViewStore, an update between the first render and the subscription', () => {
  it('is not lost: the subscriber is told and the next snapshot shows it', () => {
    // What a component does: render (getSnapshot), paint, then subscribe in an effect. IndexedDB can
    // deliver the stored room in between (this lost a question typed offline after a reload).
    const doc = new Y.Doc();
    const store = createYViewStore(doc, (d) => ({ n: d.getArray('requests').length }));
    expect(store.getSnapshot()).toEqual({ n: 0 });

    doc.getArray('requests').push(['typed offline']);

    const onChange = vi.fn();
    const off = store.subscribe(onChange);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toEqual({ n: 1 });
    off();
  });

  it('does not call a new subscriber when nothing changed since the snapshot', () => {
    const doc = new Y.Doc();
    doc.getArray('requests').push(['before']);
    const store = createYViewStore(doc, (d) => d.getArray('requests').length);
    expect(store.getSnapshot()).toBe(1);
    const onChange = vi.fn();
    const off = store.subscribe(onChange);
    expect(onChange).not.toHaveBeenCalled();
    off();
  });

  it('follows a second document (a remote phone\'s board) as well as the room', () => {
    const room = new Y.Doc();
    const board = new Y.Doc();
    const store = createYViewStore(room, (r, b) => `${r.getMap('m').size}/${b.getMap('board').size}`, board);
    const onChange = vi.fn();
    store.subscribe(onChange);
    expect(store.getSnapshot()).toBe('0/0');
    board.getMap('board').set('session', 1);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).toBe('0/1');
    room.getMap('m').set('a', 1);
    expect(store.getSnapshot()).toBe('1/1');
  });
});
