import type { SessionState } from '../../state.js';
import { isPublic, type QuestionState } from '../questions/fold.js';
import { voteCount } from '../moderation/views.js';
import type { CarriedQuestion, WrittenFollowUp } from './fold.js';
import type { FollowUpQuestionFacts } from './events.js';

/** A question that needs (or had) follow-up after the meeting, as the console's Follow-up view shows it. */
export interface FollowUpQuestion extends FollowUpQuestionFacts {
  /** The follow-up as it stands (a written reply given during the meeting counts as one); null: none yet. */
  current: WrittenFollowUp | null;
  /** Earlier versions, oldest first (the log keeps them; the minutes say it was edited). */
  earlier: WrittenFollowUp[];
  /** The later meeting it was carried into, once one exists. */
  carriedTo: { sessionId: string; title: string; at: number } | null;
}

/** A question carried into this session from an earlier meeting. */
export interface CarriedInQuestion extends FollowUpQuestion {
  from: { sessionId: string; title: string; date: number };
}

export interface FollowUpView {
  sessionId: string;
  title: string;
  status: SessionState['status'];
  /** This meeting's questions not answered on the floor, most votes first. */
  questions: FollowUpQuestion[];
  carriedIn: CarriedInQuestion[];
  publication: { url: string; when: string } | null;
}

/** Answered on the floor: answered without a written reply. Those need no follow-up. */
const answeredOnFloor = (q: QuestionState): boolean => q.answeredAt !== null && q.reply === null;

/** The follow-up of a question of this session, counting a reply written during the meeting as one. */
function followUpOf(state: SessionState, q: QuestionState): Pick<FollowUpQuestion, 'current' | 'earlier'> {
  const written = state.followUp.followUps.get(q.id);
  const during: WrittenFollowUp | null =
    q.reply !== null && q.answeredAt !== null ? { outcome: 'answered', text: q.reply, by: 'facilitator', at: q.answeredAt, writtenIn: null } : null;
  if (!written) return { current: during, earlier: [] };
  return { current: written.current, earlier: during ? [during, ...written.earlier] : written.earlier };
}

/** The Follow-up view of a session: a pure function of its folded state. */
export function followUpView(state: SessionState): FollowUpView {
  const publicQuestions = [...state.questions.values()].filter(isPublic);
  const questions: FollowUpQuestion[] = [];
  publicQuestions.forEach((q, i) => {
    if (answeredOnFloor(q)) return;
    const itemId = state.agenda.questionItems.get(q.id);
    questions.push({
      questionId: q.id,
      number: i + 1,
      text: q.text,
      name: q.name,
      votes: voteCount(q),
      askedAt: q.askedAt,
      itemTitle: itemId ? (state.agenda.items.get(itemId)?.title ?? '') : '',
      ...followUpOf(state, q),
      carriedTo: state.followUp.carriedTo.get(q.id) ?? null,
    });
  });
  questions.sort((a, b) => b.votes - a.votes || a.number - b.number);
  return {
    sessionId: state.id,
    title: state.title,
    status: state.status,
    questions,
    carriedIn: [...state.followUp.carriedIn.values()].map((c) => carriedInQuestion(state, c)),
    publication: state.followUp.publication,
  };
}

function carriedInQuestion(state: SessionState, c: CarriedQuestion): CarriedInQuestion {
  const { fromSessionId, fromTitle, fromDate, carriedAt: _carriedAt, ...facts } = c;
  const written = state.followUp.followUps.get(c.questionId);
  return {
    ...facts,
    current: written?.current ?? null,
    earlier: written?.earlier ?? [],
    carriedTo: null,
    from: { sessionId: fromSessionId, title: fromTitle, date: fromDate },
  };
}
