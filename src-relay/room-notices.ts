import type { Hocuspocus } from '@hocuspocus/server';
import type { RedisInstance } from '@hocuspocus/extension-redis';
import { parseMessage, roomNoticeSchema } from './control-messages.js';
import { fireAndLog } from './redis-command.js';
import { isRoomDocName, RELAY_CONTROL_DOC } from './relay-token.js';

/**
 * Tells the laptop which rooms phones have open (control-messages.ts `room`), whichever instance they are
 * on: when a phone opens its room, and, when the laptop connects, every room open on every instance.
 */

const ROOM_CHANNEL = 'open-floor:room';
const QUERY_CHANNEL = 'open-floor:rooms-query';

export class RoomNotices {
  constructor(
    private readonly instance: Hocuspocus,
    private readonly pub: RedisInstance,
    sub: RedisInstance,
    private readonly log: (line: string) => void,
  ) {
    fireAndLog(sub.subscribe(ROOM_CHANNEL, QUERY_CHANNEL), log, 'subscribe');
    sub.on('message', (channel: string, text: string) => {
      if (channel === ROOM_CHANNEL) this.toLaptop(text);
      else if (channel === QUERY_CHANNEL) this.announceOpenRooms();
    });
  }

  /** A phone was let into its room here. */
  phoneOpened(name: string): void {
    fireAndLog(this.pub.publish(ROOM_CHANNEL, JSON.stringify({ type: 'room', name })), this.log, 'publish');
  }

  /** The laptop's control connection is up (here): every instance names its open rooms. */
  laptopConnected(): void {
    fireAndLog(this.pub.publish(QUERY_CHANNEL, '?'), this.log, 'publish');
  }

  private announceOpenRooms(): void {
    for (const name of this.instance.documents.keys()) if (isRoomDocName(name)) this.phoneOpened(name);
  }

  private toLaptop(text: string): void {
    const doc = this.instance.documents.get(RELAY_CONTROL_DOC);
    const notice = parseMessage(roomNoticeSchema, text);
    if (!doc || !notice || !isRoomDocName(notice.name)) return;
    for (const connection of doc.getConnections()) connection.sendStateless(text);
  }
}
