import { Redis } from '@hocuspocus/extension-redis';
import { OutgoingMessage, type onAwarenessUpdatePayload, type onChangePayload } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import { messageYjsSyncStep2 } from 'y-protocols/sync';

/** What the extension keeps private and this subclass uses. */
interface RedisInternals {
  pubKey(documentName: string): string;
  encodeMessage(message: Uint8Array): Buffer;
  publishFirstSyncStep(documentName: string, document: unknown): Promise<unknown>;
}

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

  /**
   * A change goes to the other instances as the change itself. The extension publishes a sync step 1 (the
   * document's state vector) for every change, and another instance gets the change only with the third
   * message of that exchange (its step 2 and step 1 back, then ours), each a diff computed anew: after a
   * 60 s uplink cut with 2000 remote phones, every room's answer crossed Redis that way. It is sent as a
   * step 2 (not an update message): the receiver applies a step 2 from Redis with the extension's own
   * transaction origin, so it is not published again (an update message is applied with none, and would
   * echo between instances). A change lost while Redis was away is caught up by a step 1 per document
   * when the subscriber is ready again (`resyncAll`, relay.ts), as the extension does on loading one.
   */
  override async onChange(data: onChangePayload): Promise<void> {
    if (data.transactionOrigin === this.redisTransactionOrigin) return;
    const internals = this as unknown as RedisInternals;
    const message = new OutgoingMessage(data.documentName).createSyncMessage();
    encoding.writeVarUint(message.encoder, messageYjsSyncStep2);
    encoding.writeVarUint8Array(message.encoder, data.update);
    try {
      await this.pub.publish(internals.pubKey(data.documentName), internals.encodeMessage(message.toUint8Array()));
    } catch (err) {
      this.log(`relay: Redis publish (change) failed (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  /** A sync step 1 for every document of this instance: the others answer with what it lacks, and ask back. */
  resyncAll(): void {
    const internals = this as unknown as RedisInternals;
    for (const [name, document] of this.instance.documents) {
      internals.publishFirstSyncStep(name, document).catch((err: unknown) => this.log(`relay: Redis resync of ${name.slice(0, 80)} failed (${err instanceof Error ? err.message : String(err)})`));
    }
  }
}
