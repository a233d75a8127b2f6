import type { Hocuspocus } from '@hocuspocus/server';
import type { RedisInstance } from '@hocuspocus/extension-redis';
import { parseMessage, ROOMS_PER_NOTICE, toLaptopSchema, type ToLaptop } from './control-messages.js';
import { fireAndLog } from './redis-command.js';
import { isRoomDocName, RELAY_CONTROL_DOC } from './relay-token.js';

/**
 * Tells the laptop which rooms phones have open (room notices, control-messages.ts `rooms`), whichever
 * instance they are on: when a phone opens its room, and, when the laptop connects, every room a phone has
 * open on every instance. And when the last phone connection of a room on an instance closes (`room-left`), so the laptop
 * can stop bridging a room nobody is in; before it does, it asks (`room-query`) and every instance where a
 * phone has that room open answers with a room notice. At the laptop's roll call (`room-roll`, every
 * minute), every instance names all its rooms again (200 names a message), so a room whose phone
 * went with a killed instance is found. Each instance counts its own phone connections per room (Hocuspocus
 * `connected` / `onDisconnect`); the laptop's bridge is not counted.
 */

const ROOM_CHANNEL = 'open-floor:room';
const QUERY_CHANNEL = 'open-floor:rooms-query';
/** On the query channel: every instance names all its rooms with a phone (the laptop connected, or its roll call). */
const ALL_ROOMS = '?';

export class RoomNotices {
  /** Phone connections per room on this instance. */
  private readonly phones = new Map<string, number>();

  constructor(
    private readonly instance: Hocuspocus,
    private readonly pub: RedisInstance,
    sub: RedisInstance,
    private readonly log: (line: string) => void,
  ) {
    fireAndLog(sub.subscribe(ROOM_CHANNEL, QUERY_CHANNEL), log, 'subscribe');
    sub.on('message', (channel: string, text: string) => {
      if (channel === ROOM_CHANNEL) this.toLaptop(text);
      else if (channel === QUERY_CHANNEL) this.answerQuery(text);
    });
  }

  /** A phone was let into its room here. */
  phoneOpened(name: string): void {
    this.publish(ROOM_CHANNEL, { type: 'rooms', names: [name] });
  }

  /** A phone's connection to a document is up here (Hocuspocus `connected`). */
  phoneConnected(name: string): void {
    if (isRoomDocName(name)) this.phones.set(name, (this.phones.get(name) ?? 0) + 1);
  }

  /** A phone's connection to a document closed here (Hocuspocus `onDisconnect`). */
  phoneDisconnected(name: string): void {
    const count = this.phones.get(name);
    if (count === undefined) return;
    const left = count - 1;
    if (left > 0) return void this.phones.set(name, left);
    this.phones.delete(name);
    this.publish(ROOM_CHANNEL, { type: 'room-left', name });
  }

  /** The laptop's control connection is up (here), or it calls the roll: every instance names its open rooms. */
  allRooms(): void {
    fireAndLog(this.pub.publish(QUERY_CHANNEL, ALL_ROOMS), this.log, 'publish');
  }

  /** The laptop asks whether a phone has this room open on any instance (a `room-query`). */
  query(name: string): void {
    if (isRoomDocName(name)) fireAndLog(this.pub.publish(QUERY_CHANNEL, name), this.log, 'publish');
  }

  private answerQuery(text: string): void {
    if (text === ALL_ROOMS) {
      const names = [...this.phones.keys()];
      for (let i = 0; i < names.length; i += ROOMS_PER_NOTICE) this.publish(ROOM_CHANNEL, { type: 'rooms', names: names.slice(i, i + ROOMS_PER_NOTICE) });
    } else if (this.phones.has(text)) this.phoneOpened(text);
  }

  private publish(channel: string, message: Extract<ToLaptop, { type: 'rooms' | 'room-left' }>): void {
    fireAndLog(this.pub.publish(channel, JSON.stringify(message)), this.log, 'publish');
  }

  private toLaptop(text: string): void {
    const doc = this.instance.documents.get(RELAY_CONTROL_DOC);
    const notice = parseMessage(toLaptopSchema, text);
    if (!doc || !notice || notice.type === 'join') return;
    if (notice.type === 'rooms' ? !notice.names.every(isRoomDocName) : !isRoomDocName(notice.name)) return;
    for (const connection of doc.getConnections()) connection.sendStateless(text);
  }
}
