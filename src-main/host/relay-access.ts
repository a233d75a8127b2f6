import type { JoinContext, JoinResult } from './pipeline/join-policy.js';
import type { SessionManager } from './pipeline/session-manager.js';
import { roomDocName } from './rooms/room-docs.js';
import type { RelayLink } from './net/relay-link.js';

/** A remote phone's join: the LAN's answer, plus what opens its room on the relay. */
export type RemoteJoinResult = JoinResult | (Extract<JoinResult, { ok: true }> & { relayDoc: string; relayToken: string });

/** Remote attendees through the relay (issue 20), as the host offers them. */
export interface RelayAccess {
  /**
   * A phone joins through the relay: the same join policy as on the LAN (its device cookie, paper codes,
   * phones per address on the address the relay saw), then its room is bridged to the relay and it gets
   * a token for it.
   */
  join(code: string, who: JoinContext): RemoteJoinResult;
  /** Whether the laptop's connection to the relay is open. */
  connected(): boolean;
}

export function relayAccess(sessions: SessionManager, link: RelayLink): RelayAccess {
  return {
    join: (code, who) => {
      const joined = sessions.join(code, who);
      if (!joined.ok) return joined;
      const relayDoc = roomDocName(joined.roomId);
      link.addRoom(relayDoc);
      return { ...joined, relayDoc, relayToken: link.tokenFor(relayDoc) };
    },
    connected: () => link.connected(),
  };
}
