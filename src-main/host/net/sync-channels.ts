import type * as Y from 'yjs';
import type { StoreThenSend } from '../pipeline/store-then-send.js';
import type { SyncConnection } from './sync-connection.js';
import { mergeUpdates, updateMessage } from './sync-wire.js';

/** Updates of one turn for one document, sent as one merged message per connection. */
class Channel {
  readonly conns = new Set<SyncConnection>();
  private pending: Array<{ update: Uint8Array; origin: unknown }> = [];

  constructor(
    private readonly turn: StoreThenSend,
    private readonly beforeStored: boolean,
  ) {}

  readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    this.pending.push({ update, origin });
    this.turn.send(this.flush, { beforeStored: this.beforeStored });
  };

  private readonly flush = (): void => {
    const pending = this.pending;
    this.pending = [];
    if (pending.length === 0) return;
    const fromPeers = pending.some((p) => this.conns.has(p.origin as SyncConnection));
    if (!fromPeers) {
      // The common case (host writes): one message for everybody.
      const message = updateMessage(mergeUpdates(pending.map((p) => p.update)));
      for (const c of this.conns) c.send(message);
      return;
    }
    for (const c of this.conns) {
      const updates = pending.filter((p) => p.origin !== c).map((p) => p.update);
      if (updates.length > 0) c.send(updateMessage(mergeUpdates(updates)));
    }
  };
}

/** The connections of each document (the docs they write to, or the overlays they read), with its channel. */
export class SyncChannels {
  private readonly channels = new Map<Y.Doc, Channel>();

  constructor(private readonly turn: StoreThenSend) {}

  /** Adds `conn` to the doc's channel (created, and listening to the doc, on first use); its size after. */
  join(doc: Y.Doc, conn: SyncConnection, beforeStored = false): number {
    let ch = this.channels.get(doc);
    if (!ch) {
      ch = new Channel(this.turn, beforeStored);
      doc.on('update', ch.onUpdate);
      this.channels.set(doc, ch);
    }
    ch.conns.add(conn);
    return ch.conns.size;
  }

  /** Removes `conn`; the last one out stops listening to the doc. Returns the connections left. */
  leave(doc: Y.Doc, conn: SyncConnection): number {
    const ch = this.channels.get(doc);
    if (!ch) return 0;
    ch.conns.delete(conn);
    if (ch.conns.size === 0) {
      doc.off('update', ch.onUpdate);
      this.channels.delete(doc);
    }
    return ch.conns.size;
  }

  connections(doc: Y.Doc): SyncConnection[] {
    return [...(this.channels.get(doc)?.conns ?? [])];
  }

  count(doc: Y.Doc): number {
    return this.channels.get(doc)?.conns.size ?? 0;
  }
}
