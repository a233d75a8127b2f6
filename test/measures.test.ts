import { afterEach, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './helpers/host-harness.js';
import type { EventBody, LoggedEvent } from '../src-shared/events.js';
import { chainEvent } from '../src-shared/hash-chain.js';
import { meetingMeasures } from '../src-shared/measures/dialogue.js';
import { buildMinutes } from '../src-shared/minutes/build.js';
import { renderMinutesMarkdown } from '../src-shared/minutes/markdown.js';

let host: TestHost | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
});

const DAY = 86_400_000;

describe('the dialogue, measured', () => {
  it('counts what became of every question, the phones’ languages, the top-voted answered, and the days to a written answer, per meeting and over meetings', async () => {
    host = await startTestHost();
    const code = await host.openSession('Budget hearing', false);
    for (const lang of ['es', 'es', 'en']) {
      const res = await fetch(`${host.lanOrigin}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, lang }) });
      expect(((await res.json()) as { ok: boolean }).ok).toBe(true);
    }
    const bad = await fetch(`${host.lanOrigin}/api/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, lang: '<script>' }) });
    expect(bad.status).toBe(400);
    const phone = await host.phone(code);
    const second = await host.phone(code);
    const ids: string[] = [];
    for (let i = 1; i <= 7; i++) {
      // At most five questions a minute from one phone: the second asks the last two.
      const asker = i <= 5 ? phone : second;
      const rid = asker.send({ kind: 'ask', text: `Question number ${i}?` });
      ids.push(((await asker.until(() => asker.receipt(rid))) as { questionId: string }).questionId);
    }
    // Votes make questions 7, 6, 5, 4, 3 the top five (one vote each from this phone: ties go by order asked).
    for (const id of ids.slice(2)) {
      const v = phone.send({ kind: 'vote', questionId: id });
      await phone.until(() => phone.receipt(v));
    }
    await host.mustControl('markAnswered', { questionId: ids[2]! });
    await host.mustControl('markAnswered', { questionId: ids[3]!, reply: 'Written during the meeting.' });
    await host.mustControl('closeSession', {});
    const sessionId = host.host.currentSession()!.id;
    await host.mustControl('writeFollowUp', { sessionId, questionId: ids[4]!, outcome: 'answered', text: 'Answered later.', by: 'clerk' });
    await host.mustControl('writeFollowUp', { sessionId, questionId: ids[5]!, outcome: 'referred', text: 'Roads department', by: 'clerk' });
    await host.mustControl('writeFollowUp', { sessionId, questionId: ids[0]!, outcome: 'not-answered', text: 'Out of scope.', by: 'clerk' });

    const r = await host.control('dialogueMeasures', {});
    if (!r.ok) throw new Error(r.error);
    const [m] = r.value.meetings;
    expect(m).toMatchObject({
      title: 'Budget hearing',
      phones: 5,
      languages: { es: 2, en: 1 },
      asked: 7,
      approved: 7,
      answeredOnFloor: 1,
      answeredInWriting: 2,
      referred: 1,
      carried: 0,
      notAnswered: 1,
      stillOpen: 2,
      // Top five by votes: 3, 4, 5, 6, 7 — answered: 3 (floor), 4 (reply), 5 (written after).
      topAnswered: { answered: 3, of: 5 },
    });
    expect(m!.daysToWrittenAnswer).toHaveLength(2);
    expect(m!.medianDaysToWrittenAnswer).toBeGreaterThanOrEqual(0);
    // Answered within the test's run: well under a minute, in days.
    expect(m!.medianDaysToWrittenAnswer).toBeLessThan(60_000 / DAY);

    // A second meeting: the totals add up, and a follow-up changes the first meeting's measures again.
    await host.mustControl('createSession', { title: 'Second hearing' });
    await host.mustControl('openSession', {});
    const again = await host.control('dialogueMeasures', {});
    if (!again.ok) throw new Error(again.error);
    expect(again.value.across).toMatchObject({ meetings: 2, asked: 7, answeredInWriting: 2, referred: 1, topAnswered: { answered: 3, of: 5 } });
    await host.mustControl('writeFollowUp', { sessionId, questionId: ids[6]!, outcome: 'answered', text: 'Yes.', by: 'facilitator' });
    const third = await host.control('dialogueMeasures', {});
    expect(third.ok && third.value.meetings[0]).toMatchObject({ answeredInWriting: 3, stillOpen: 1, topAnswered: { answered: 4, of: 5 } });
  });
});

describe('phones in the room and from outside it', () => {
  it('the minutes and the measures count the phones that joined through the relay apart, in both languages', () => {
    const bodies: EventBody[] = [
      { type: 'session.created', sessionId: 'hybrid-1', title: 'Hybrid hearing', place: 'Town hall', timeZone: 'UTC' },
      { type: 'session.opened' },
      { type: 'device.joined', deviceId: 'dev-aaaaaa', lang: 'en' },
      { type: 'device.joined', deviceId: 'dev-bbbbbb', via: 'relay', lang: 'es' },
      { type: 'device.joined', deviceId: 'dev-cccccc', via: 'relay' },
      { type: 'session.closed' },
    ];
    const events: LoggedEvent[] = [];
    bodies.forEach((body, i) => events.push(chainEvent(events.at(-1) ?? null, Date.UTC(2026, 11, 5, 18, i), 'host', body)));
    expect(meetingMeasures(events)).toMatchObject({ phones: 3, inRoom: 1, remote: 2, languages: { en: 1, es: 1 } });
    const md = (locale: string) => renderMinutesMarkdown(buildMinutes(events, { locale, generatedAt: Date.UTC(2026, 11, 5, 20) }));
    expect(md('en-GB')).toContain('3 (at most 0 connected at once); 1 in the room, 2 from outside it (through the relay)');
    expect(md('es-ES')).toContain('1 en la sala, 2 desde fuera (a través del relé)');
  });
});
