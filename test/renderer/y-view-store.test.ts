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
