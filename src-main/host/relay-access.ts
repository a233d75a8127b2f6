import type { ForwardedJoin, JoinAnswer } from '../../src-relay/control-messages.js';
import { joinRequestSchema, type RelayJoinFields } from '../../src-shared/endpoints.js';
import { PHONE_TOKEN_TTL_MS } from '../../src-relay/relay-token.js';
import { deviceCookie, deviceTokenFromCookie, type JoinContext, type JoinResult } from './pipeline/join-policy.js';
import type { SessionManager } from './pipeline/session-manager.js';
import { roomDocName, roomIdOfDocName } from './rooms/room-docs.js';
import type { RelayLink } from './net/relay-link.js';

/** A remote phone's join: the LAN's answer, plus what opens its room on the relay. */
export type RemoteJoinResult = Exclude<JoinResult, { ok: true }> | (Extract<JoinResult, { ok: true }> & RelayJoinFields);

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
  /** How many remote phones are on the relay now: bridged rooms, less those whose phone left (the console's Venue panel). */
  remoteRooms(): number;
  /** How many remote phones' rooms the laptop bridges now (a room whose phone left stays bridged a while). */
  bridgedRooms(): number;
  /** Another session became live: the old one's rooms are no longer bridged. */
  sessionChanged(): void;
}

export function relayAccess(sessions: SessionManager, link: RelayLink): RelayAccess {
  /** Whether `room-<id>` is a room of the live session (never loads it). */
  const ofLiveSession = (name: string): boolean => {
    const roomId = roomIdOfDocName(name);
    return roomId !== null && sessions.current?.rooms.has(roomId) === true;
  };
  /** A room the relay says a phone has open: bridged if it is one of the live session's. */
  const room = (name: string): void => {
    if (ofLiveSession(name)) link.addRoom(name, true);
  };
  const join = (code: string, who: JoinContext): RemoteJoinResult => {
    const joined = sessions.join(code, who);
    if (!joined.ok) return joined;
    const relayDoc = roomDocName(joined.roomId);
    link.addRoom(relayDoc, false);
    return { ...joined, relayDoc, relayToken: link.tokenFor(relayDoc), relayTokenTtlMs: PHONE_TOKEN_TTL_MS };
  };
  link.serve({ join: (forwarded) => answerForwarded(join, forwarded), room });
  return {
    join,
    connected: () => link.connected(),
    remoteRooms: () => link.present(),
    bridgedRooms: () => link.bridged() - 1,
    sessionChanged: () => link.pruneRooms(ofLiveSession),
  };
}

/**
 * A join the relay forwarded, answered as the LAN's `POST /api/join` is (lan-join.ts): same statuses, same
 * device cookie. The address is marked as the relay's (`relay:<address>`), so remote phones are capped per
 * address apart from the venue's, and a relay on the laptop's own machine is never taken for the laptop
 * (which is not capped).
 */
function answerForwarded(join: (code: string, who: JoinContext) => RemoteJoinResult, forwarded: ForwardedJoin): JoinAnswer {
  const base = { type: 'join-answer' as const, id: forwarded.id };
  const { code, paper, lang } = forwarded;
  const parsed = joinRequestSchema.safeParse({ code, ...(paper !== undefined ? { paper } : {}), ...(lang !== undefined ? { lang } : {}) });
  if (!parsed.success) return { ...base, status: 400, body: { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid code.' } };
  const result = join(parsed.data.code, {
    address: `relay:${forwarded.address}`,
    remote: true,
    token: deviceTokenFromCookie(forwarded.cookie),
    ...(parsed.data.paper !== undefined ? { paperCode: parsed.data.paper } : {}),
    ...(parsed.data.lang !== undefined ? { lang: parsed.data.lang } : {}),
  });
  if (!result.ok) {
    const status = result.tooMany ? 429 : result.paperCode || result.remoteClosed ? 403 : result.hostFailure ? 503 : 404;
    return { ...base, status, body: { ok: false, error: result.error, ...(result.paperCode ? { paperCode: result.paperCode } : {}) } };
  }
  const { token, ...body } = result;
  return { ...base, status: 200, body, setCookie: deviceCookie(token) };
}

/** When the relay link last went up or down, and how often it went down: so a flapping link shows. */
export interface LinkWatch {
  onConnected(connected: boolean): void;
  since(): number;
  drops(): number;
}

export function linkWatch(clock: () => number = Date.now): LinkWatch {
  let up = false, since = clock(), drops = 0;
  return {
    onConnected: (connected) => {
      if (connected === up) return;
      up = connected;
      since = clock();
      if (!connected) drops++;
    },
    since: () => since,
    drops: () => drops,
  };
}
