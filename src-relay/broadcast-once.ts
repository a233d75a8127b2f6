import { Document, OutgoingMessage, type Connection } from '@hocuspocus/server';

/**
 * A document's update, as Hocuspocus 3.4 sends it to the document's connections, costs one copy of the
 * message per connection (`toUint8Array` inside the loop) and is also sent back to the connection it came
 * from. On the relay the board has thousands of readers per instance, and after the venue's uplink comes
 * back the laptop's connection carries thousands of rooms' updates at once: in the hybrid bench's 5000-phone
 * cut the instance holding the laptop spent 58 % of its recovery in `handleUpdate`, 11 % of it copying that
 * message and 17 % collecting the garbage (docs/BENCHMARKS.md, Hybrid meetings).
 *
 * This makes the message once and sends it to every connection of the document except the one it came
 * from (that one has the update, and gets the usual sync-status acknowledgement from Hocuspocus anyway).
 * Hocuspocus 4 makes the message once too (its PR #1051); moving the relay to 4.x (crossws, a new
 * provider) is a larger change than this. Installed once, before the server makes any document (each
 * document binds `handleUpdate` when it is made).
 */

/** What `handleUpdate` uses of a Document (its `callbacks` are public, `handleUpdate` is private in the types). */
interface DocumentInternals {
  name: string;
  callbacks: { onUpdate(document: Document, connection: Connection, update: Uint8Array): void };
  getConnections(): Connection[];
}

let installed = false;

export function broadcastUpdatesOnce(): void {
  if (installed) return;
  installed = true;
  const proto = Document.prototype as unknown as { handleUpdate(this: DocumentInternals, update: Uint8Array, origin: unknown): unknown };
  proto.handleUpdate = function handleUpdate(update, origin) {
    this.callbacks.onUpdate(this as unknown as Document, origin as Connection, update);
    const message = new OutgoingMessage(this.name).createSyncMessage().writeUpdate(update).toUint8Array();
    for (const connection of this.getConnections()) if (connection !== origin) connection.send(message);
    return this;
  };
}
