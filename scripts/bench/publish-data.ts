/**
 * Data for `npm run bench:publish` (scripts/bench-publish.cjs bundles this with esbuild): a data folder
 * of closed meetings written through the Store's hash-chained append, as a long real meeting would
 * leave it: an agenda of 5 items taken up in turn, 200 phones, questions (10 % hidden, 2 % withdrawn),
 * about 10 votes per question, a fifth answered on the floor and a tenth in writing, one poll.
 */
import type { Actor, EventBody } from '../../src-shared/events.js';
import type { LoggedEvent } from '../../src-shared/events.js';
import { Store } from '../../src-main/host/store/store.js';

const WORDS = 'budget road school park library council tax bus bike lane noise housing water street light plan public meeting'.split(' ');
const PHONES = 200;
const MIN = 60_000;

export function makeMeetings(dataDir: string, meetings: number, questions: number): void {
  const store = new Store(dataDir);
  // Test data: no fsync per batch (the host keeps FULL; the publish being timed only reads).
  store.db.pragma('synchronous = OFF');
  try {
    for (let m = 0; m < meetings; m++) makeMeeting(store, m, questions);
  } finally {
    store.close();
  }
}

function makeMeeting(store: Store, m: number, questions: number): void {
  let seed = 42 + m;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const id = `bench-meeting-${String(m).padStart(3, '0')}`;
  const t0 = Date.UTC(2026, 0, 1, 18) + m * 7 * 24 * 60 * MIN;
  store.createSession({ id, createdAt: t0, title: `Council meeting ${m + 1}`, joinCode: 'ABCDEF', secret: 'bench' });
  let last: LoggedEvent | null = null;
  const append = (at: number, actor: Actor, bodies: EventBody[]) => {
    last = store.appendEvents(id, last, at, actor, bodies).at(-1) ?? last;
  };
  append(t0, 'facilitator', [
    { type: 'session.created', sessionId: id, title: `Council meeting ${m + 1}`, place: 'Town hall', timeZone: 'Europe/Madrid', facilitator: 'Clerk' },
    { type: 'settings.changed', premoderation: false },
    ...Array.from({ length: 5 }, (_, i): EventBody => ({ type: 'agenda.itemAdded', itemId: `item-${i}`, title: `Item ${i + 1}: ${WORDS[i]}`, description: '', speakingMs: 180_000, publicComment: true, maxSpeakers: null })),
    { type: 'session.opened' },
  ]);
  append(t0 + MIN, 'host', Array.from({ length: PHONES }, (_, p): EventBody => ({ type: 'device.joined', deviceId: `dev-${m}-${p}` })));
  const span = 180 * MIN;
  for (let q = 0; q < questions; q++) {
    const at = t0 + 2 * MIN + Math.floor((q / questions) * span);
    if (q % Math.ceil(questions / 5) === 0) append(at, 'facilitator', [{ type: 'agenda.currentSet', itemId: `item-${Math.floor(q / Math.ceil(questions / 5))}` }]);
    const device = `dev-${m}-${Math.floor(rnd() * PHONES)}`;
    const len = 8 + Math.floor(rnd() * 25);
    const text = `${Array.from({ length: len }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ')}?`;
    const qid = `q-${m}-${q}`;
    append(at, `device:${device}`, [{ type: 'question.asked', questionId: qid, deviceId: device, requestId: `r-${qid}`, text, name: q % 3 === 0 ? `Resident ${q}` : '', approved: true }]);
    const votes = Math.floor(rnd() ** 2 * 40);
    const voters = new Set<number>();
    for (let v = 0; v < votes; v++) voters.add(Math.floor(rnd() * PHONES));
    const ballots = [...voters].map((p): EventBody => ({ type: 'vote.cast', questionId: qid, deviceId: `dev-${m}-${p}`, requestId: `v-${qid}-${p}` }));
    if (ballots.length > 0) append(at + 30_000, 'device:voters' as Actor, ballots);
    const kind = q % 50;
    if (kind < 5) append(at + MIN, 'facilitator', [{ type: 'question.hidden', questionId: qid }]);
    else if (kind === 5) append(at + MIN, `device:${device}`, [{ type: 'question.withdrawn', questionId: qid, deviceId: device, requestId: `w-${qid}` }]);
    else if (kind < 16) append(at + 2 * MIN, 'facilitator', [{ type: 'floor.set', questionId: qid }, { type: 'question.answered', questionId: qid }]);
    else if (kind < 21) append(at + 3 * MIN, 'facilitator', [{ type: 'question.answered', questionId: qid, reply: 'A written reply from the council office explaining the plan in a few sentences.' }]);
  }
  const pollAt = t0 + span;
  append(pollAt, 'facilitator', [
    { type: 'poll.created', pollId: `poll-${m}`, visibility: 'live', kind: 'yesno', question: 'Should the park open on Sundays?', options: ['yes', 'no', 'abstain'], maxChoices: 1 },
    { type: 'poll.opened', pollId: `poll-${m}` },
  ]);
  append(pollAt + MIN, 'host', Array.from({ length: 150 }, (_, p): EventBody => ({ type: 'ballot.cast', pollId: `poll-${m}`, deviceId: `dev-${m}-${p}`, requestId: `b-${m}-${p}`, choices: [p % 3] })));
  append(pollAt + 2 * MIN, 'facilitator', [{ type: 'poll.closed', pollId: `poll-${m}`, connected: 180 }, { type: 'session.closed' }]);
}
