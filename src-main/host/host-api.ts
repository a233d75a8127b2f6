import type { Receipt } from '../../src-shared/requests.js';
import type { Moderation } from '../../src-shared/features/moderation/fold.js';
import type { SessionStatus } from '../../src-shared/features/session/fold.js';
import { questionStatus, type QuestionStatus } from '../../src-shared/features/questions/fold.js';
import type { SessionSummary } from '../../src-shared/features/session/views.js';
import { roomParts } from '../../src-shared/docs/room-doc.js';
import type { VenueStatus } from '../../src-shared/venue.js';
import { voteCount } from '../../src-shared/features/moderation/views.js';
import type { runControl } from './pipeline/control-handlers.js';
import type { SessionManager } from './pipeline/session-manager.js';
import type { StorageHealth } from './store/storage-health.js';
import { pendingBytes } from './net/sync-server.js';
import type { RelayAccess } from './relay-access.js';

/** The live session, as callers and tests may see it. */
export interface LiveSessionInfo {
  id: string;
  title: string;
  joinCode: string;
  status: SessionStatus;
  /** The hash of the last event in the log. */
  finalHash: string;
  events: number;
  devices: number;
  questions: number;
}

/** One question, as the host has decided it. */
export interface QuestionInfo {
  id: string;
  text: string;
  name: string;
  moderation: Moderation;
  status: QuestionStatus;
  votes: number;
}

export interface Host {
  lanOrigin: string;
  loopbackOrigin: string;
  token: string;
  consoleUrl: string;
  projectorUrl: string;
  control: (command: Parameters<typeof runControl>[1], input: unknown) => ReturnType<typeof runControl>;
  /** The join URL of the current session while it is open. */
  joinUrl(): string | null;
  onSessionChanged(listener: () => void): void;
  /** Remote attendees through the relay, when the host was started with one (docs/HYBRID.md). */
  relay: Pick<RelayAccess, 'join' | 'connected' | 'remoteRooms' | 'bridgedRooms'> | null;
  /** An external gateway reports the open WebRTC peer connections of a room. */
  setRoomPeers(docName: string, peers: number): void;
  /** The live session (the newest of the data folder), or null before the first. */
  currentSession(): LiveSessionInfo | null;
  question(id: string): QuestionInfo | null;
  /** The host's answer to a request, as written into the phone's room. */
  receipt(roomId: string, requestId: string): Receipt | undefined;
  /** Bytes of updates a room holds that wait for a missing earlier update (bounded per room). */
  roomPendingBytes(roomId: string): number | null;
  /** How many phone rooms of the live session are in memory (idle ones are unloaded). */
  roomsInMemory(): number;
  /** Every session of the data folder, oldest first. */
  sessionList(): SessionSummary[];
  /** Why the data folder cannot be written, in plain words, or null. */
  storageProblem(): string | null;
  /** The laptop's addresses with interface and kind, best first, and what phones did so far. */
  venueStatus(): VenueStatus;
  close(): Promise<void>;
}

/** What the host's readers need; the rest of `Host` is given as it is. */
export interface HostReaders {
  sessions: SessionManager;
  storage: StorageHealth;
}

/** The host's reads of its live session, for callers and tests (nothing here changes anything). */
export function hostReaders({ sessions, storage }: HostReaders): Pick<
  Host,
  'joinUrl' | 'currentSession' | 'question' | 'receipt' | 'roomPendingBytes' | 'roomsInMemory' | 'sessionList' | 'storageProblem'
> {
  return {
    joinUrl: () => (sessions.current?.log.state.status === 'open' ? (sessions.joinInfo()?.url ?? null) : null),
    currentSession: () => {
      const live = sessions.current;
      if (!live) return null;
      const { state } = live.log;
      const { id, title, joinCode } = live.row;
      return { id, title, joinCode, status: state.status, finalHash: state.lastHash, events: state.lastSeq, devices: state.devices.size, questions: state.questions.size };
    },
    question: (id) => {
      const state = sessions.current?.log.state;
      const q = state?.questions.get(id);
      if (!state || !q) return null;
      return { id, text: q.text, name: q.name, moderation: q.moderation, status: questionStatus(q, state.floor), votes: voteCount(q) };
    },
    receipt: (roomId, requestId) => {
      const room = sessions.current?.rooms.get(roomId);
      return room ? roomParts(room.doc).receipts.get(requestId) : undefined;
    },
    roomPendingBytes: (roomId) => {
      const room = sessions.current?.rooms.get(roomId);
      return room ? pendingBytes(room.doc) : null;
    },
    roomsInMemory: () => sessions.current?.rooms.loadedCount() ?? 0,
    sessionList: () => sessions.sessions(),
    storageProblem: () => storage.problem(),
  };
}
