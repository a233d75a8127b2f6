import { Document, type Connection } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { broadcastUpdatesOnce } from '../src-relay/broadcast-once.js';

/**
 * The relay's broadcast of a document's update (src-relay/broadcast-once.ts): one message for all the
 * document's connections, none back to the connection the update came from, Hocuspocus's update hook still
 * called. The relay tests (relay*.test.ts) run it with real phones, the laptop and Redis.
 */

/** A connection that records what it was sent. */
const recorder = () => {
  const sent: Uint8Array[] = [];
  return { sent, connection: { send: (m: Uint8Array) => void sent.push(m) } as unknown as Connection };
};

describe('a document update on the relay', () => {
  it('goes once, as the same message, to every other connection, and is a sync update others can apply', () => {
    broadcastUpdatesOnce();
    const doc = new Document('board');
    const [origin, readerA, readerB] = [recorder(), recorder(), recorder()];
    doc.getConnections = () => [origin.connection, readerA.connection, readerB.connection];
    const hooked: unknown[] = [];
    doc.callbacks.onUpdate = (_d, connection) => void hooked.push(connection);

    doc.transact(() => doc.getMap('count').set('votes', 3), origin.connection);

    expect(origin.sent).toHaveLength(0);
    expect(readerA.sent).toHaveLength(1);
    expect(readerB.sent[0]).toBe(readerA.sent[0]);
    expect(hooked).toEqual([origin.connection]);
    // The message: document name, sync message type, update type, the update.
    const decoder = decoding.createDecoder(readerA.sent[0]!);
    expect(decoding.readVarString(decoder)).toBe('board');
    decoding.readVarUint(decoder); // the sync message type
    decoding.readVarUint(decoder); // the update's
    const replica = new Y.Doc();
    Y.applyUpdate(replica, decoding.readVarUint8Array(decoder));
    expect(replica.getMap('count').get('votes')).toBe(3);

    // From elsewhere (Redis, the server itself): every connection gets it.
    doc.getMap('count').set('votes', 4);
    expect([origin.sent.length, readerA.sent.length, readerB.sent.length]).toEqual([1, 2, 2]);
  });
});
