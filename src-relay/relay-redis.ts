import { Redis } from '@hocuspocus/extension-redis';
import type { onAwarenessUpdatePayload } from '@hocuspocus/server';

/**
 * The Redis extension, publishing the awareness states a closing connection leaves behind.
 *
 * Hocuspocus 3.4.4 removes a connection's awareness states and then drops the connection in the same tick,
 * but runs the `onAwarenessUpdate` hooks a microtask later, and the extension publishes nothing when the
 * document has no connection left (its guard for hocuspocus#1027). So when the laptop was the last one on
 * `board` on its instance and its socket died (the venue's uplink cut), the other instances never heard
 * that its presence was gone: a phone there kept "Connected" until awareness's own 30 s timeout, and its
 * questions meanwhile sat in a room nobody bridged. Removals are now published even then (only removals:
 * they are what a closing connection causes); a publish that fails is logged, not left unhandled.
 */
export class RelayRedis extends Redis {
  log: (line: string) => void = () => {};

  override async onAwarenessUpdate(data: onAwarenessUpdatePayload): Promise<number | undefined> {
    try {
      if ((data.document?.connections.size ?? 0) > 0 || data.removed.length === 0) return await super.onAwarenessUpdate(data);
      // The extension reads only `connections.size` of the document; the message is built from `awareness`.
      const stillOpen = { connections: { size: 1 } } as unknown as onAwarenessUpdatePayload['document'];
      return await super.onAwarenessUpdate({ ...data, added: [], updated: [], document: stillOpen });
    } catch (err) {
      this.log(`relay: Redis publish (awareness) failed (${err instanceof Error ? err.message : String(err)})`);
      return undefined;
    }
  }
}
