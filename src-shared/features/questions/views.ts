import { boardModeration, deskModeration, voteCount, type BoardModeration, type DeskModeration } from '../moderation/views.js';
import { type SessionState } from '../../state.js';
import { isPublic, questionStatus, type QuestionState, type QuestionStatus } from './fold.js';

/** What the projector and every phone see: approved questions only, no device ids. */
export interface BoardQuestion extends BoardModeration {
  id: string;
  text: string;
  name: string;
  votes: number;
  status: Extract<QuestionStatus, 'on-screen' | 'on-floor' | 'answered'>;
  askedAt: number;
}

/** What only the console sees, on top of the board. */
export interface DeskQuestion extends Omit<BoardQuestion, 'status'>, DeskModeration {
  status: QuestionStatus;
  /** A short, stable label for the asking device (not its id), so the moderator can spot floods. */
  device: string;
}

export interface DeskStats {
  devicesJoined: number;
  /** Of `devicesJoined`, those that joined through the relay, from outside the room (issue 20). */
  devicesRemote?: number;
  /** Phones connected now: in the room and remote (a poll's "answered by N of M phones connected"). */
  connected: number;
  /** Of `connected`, the remote phones on the relay now (issue 20); absent when none. */
  connectedRemote?: number;
  asked: number;
  pending: number;
  approved: number;
  answered: number;
  hidden: number;
  votes: number;
}

export function toBoardQuestion(q: QuestionState, floor: string | null): BoardQuestion | null {
  if (!isPublic(q)) return null;
  const status = questionStatus(q, floor);
  if (status !== 'on-screen' && status !== 'on-floor' && status !== 'answered') return null;
  return { id: q.id, text: q.text, name: q.name, votes: voteCount(q), status, askedAt: q.askedAt, ...boardModeration(q) };
}

export function toDeskQuestion(q: QuestionState, floor: string | null, device: string): DeskQuestion {
  return {
    id: q.id,
    text: q.text,
    name: q.name,
    votes: voteCount(q),
    status: questionStatus(q, floor),
    askedAt: q.askedAt,
    device,
    ...boardModeration(q),
    ...deskModeration(q),
  };
}

export function boardQuestions(state: SessionState): BoardQuestion[] {
  const out: BoardQuestion[] = [];
  for (const q of state.questions.values()) {
    const bq = toBoardQuestion(q, state.floor);
    if (bq) out.push(bq);
  }
  return out;
}

export function deskQuestions(state: SessionState, deviceLabel: (deviceId: string) => string): DeskQuestion[] {
  return [...state.questions.values()].map((q) => toDeskQuestion(q, state.floor, deviceLabel(q.deviceId)));
}

export function deskStats(state: SessionState, connected: number, connectedRemote = 0): DeskStats {
  const stats: DeskStats = {
    devicesJoined: state.devices.size,
    ...(state.remoteDevices.size > 0 ? { devicesRemote: state.remoteDevices.size } : {}),
    connected,
    ...(connectedRemote > 0 ? { connectedRemote } : {}),
    asked: state.questions.size,
    pending: 0,
    approved: 0,
    answered: 0,
    hidden: 0,
    votes: 0,
  };
  for (const q of state.questions.values()) {
    if (q.moderation === 'pending') stats.pending++;
    if (q.moderation === 'approved') stats.approved++;
    if (q.moderation === 'hidden') stats.hidden++;
    if (q.answeredAt !== null) stats.answered++;
    if (q.mergedInto === null) stats.votes += voteCount(q);
  }
  return stats;
}

export type BoardSort = 'votes' | 'newest';

/** Sorting for every list of questions people look at: floor first, answered last. */
export function sortQuestions<T extends Pick<BoardQuestion, 'votes' | 'askedAt'> & { status: string }>(
  questions: readonly T[],
  by: BoardSort,
): T[] {
  const rank = (s: string): number => (s === 'on-floor' ? 0 : s === 'answered' ? 2 : 1);
  return [...questions].sort(
    (a, b) =>
      rank(a.status) - rank(b.status) ||
      (by === 'votes' ? b.votes - a.votes : 0) ||
      b.askedAt - a.askedAt,
  );
}
