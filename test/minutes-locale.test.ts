import { describe, expect, it } from 'vitest';
import type { Actor, EventBody, LoggedEvent } from '../src-shared/events.js';
import { chainEvent } from '../src-shared/hash-chain.js';
import { isLocaleTag } from '../src-shared/i18n/format.js';
import { buildMinutes } from '../src-shared/minutes/build.js';
import { renderMinutesMarkdown } from '../src-shared/minutes/markdown.js';
import { minutesText } from '../src-shared/minutes/wording.js';
import { exportEvents } from '../src-main/host/export/export-session.js';
import { Meeting } from './helpers/agenda-meeting.js';

/** Minutes in either language: the fixed wording translated, what people wrote left exactly as written. */

const T0 = Date.UTC(2025, 2, 1, 18, 0, 0); // 19:00 in Europe/Madrid
const MIN = 60_000;

function log(entries: Array<[number, Actor, EventBody]>): LoggedEvent[] {
  const out: LoggedEvent[] = [];
  for (const [m, actor, body] of entries) out.push(chainEvent(out.at(-1) ?? null, T0 + m * MIN, actor, body));
  return out;
}
const ask = (questionId: string, deviceId: string, text: string, name = ''): EventBody => ({
  type: 'question.asked',
  questionId,
  deviceId,
  requestId: `r-${questionId}`,
  text,
  name,
  approved: true,
});

const events = log([
  [0, 'facilitator', { type: 'session.created', sessionId: 'sess-000001', title: 'Pleno de presupuestos', place: 'Ayuntamiento', timeZone: 'Europe/Madrid', facilitator: 'Mia' }],
  [1, 'facilitator', { type: 'session.opened' }],
  [2, 'host', { type: 'device.joined', deviceId: 'dev-a' }],
  [2, 'host', { type: 'device.joined', deviceId: 'dev-b' }],
  [5, 'device:dev-a', ask('q1', 'dev-a', 'Will the pool open on Sundays?', 'Ana')],
  [6, 'device:dev-b', ask('q2', 'dev-b', '¿Habrá más carriles bici?')],
  [7, 'device:dev-b', { type: 'vote.cast', questionId: 'q1', deviceId: 'dev-b', requestId: 'v1' }],
  [20, 'facilitator', { type: 'floor.set', questionId: 'q1' }],
  [25, 'facilitator', { type: 'question.answered', questionId: 'q1' }],
  [36, 'facilitator', { type: 'question.answered', questionId: 'q2', reply: 'Planned for 2026.' }],
  [40, 'facilitator', { type: 'session.closed' }],
]);

describe('minutes in Spanish or English', () => {
  it('Spanish Markdown: headings, facts and outcomes in Spanish; questions, names and replies as written', () => {
    const md = renderMinutesMarkdown(buildMinutes(events, { locale: 'es-ES', generatedAt: T0 + 50 * MIN }));
    expect(md).toContain('Acta de una sesión pública registrada con Open Floor.');
    expect(md).toContain('## Preguntas');
    expect(md).toContain('- **Lugar:** Ayuntamiento');
    expect(md).toContain('formulada por Ana · a las 19:05 · 1 voto');
    expect(md).toContain('**Respondida en la sesión a las 19:25.**');
    expect(md).toContain('> **Respuesta escrita:** Planned for 2026.');
    expect(md).toContain('Will the pool open on Sundays?');
    expect(md).toContain('## Seguimiento: preguntas pendientes');
    expect(md).not.toMatch(/## Questions|Answered live|asked by/);
  });

  it('English stays the default wording for any other language', () => {
    for (const locale of ['en-GB', 'fr-FR']) {
      const md = renderMinutesMarkdown(buildMinutes(events, { locale, generatedAt: T0 + 50 * MIN }));
      expect(md).toContain('## Questions');
      expect(md).toContain('asked by Ana');
    }
  });

  it('the PDF and DOCX wording (one source for both) is Spanish too, including the page footer', () => {
    const text = minutesText(buildMinutes(events, { locale: 'es-ES', generatedAt: T0 + 50 * MIN }));
    expect(text.questionsHeading).toBe('Preguntas');
    expect(text.questionsIntro).toBe('Se aprobaron 2 preguntas, que figuran por orden de llegada.');
    expect(text.questions[0]?.asked).toBe('Formulada por Ana a las 19:05');
    expect(text.questions[1]?.text).toBe('¿Habrá más carriles bici?');
    expect(text.pageLabel(1, 3)).toBe('Página 1 de 3');
    expect(text.footer).toBe('Acta: Pleno de presupuestos');
    expect(text.facts.map(([label]) => label)).toEqual(['Lugar', 'Fecha', 'Inicio', 'Fin', 'Zona horaria', 'Moderación', 'Dispositivos participantes']);
  });

  it('exports (the route the CLI --locale and the console use) follow the locale', async () => {
    const file = await exportEvents(events, 'md', { locale: 'es-ES', now: T0 + 50 * MIN });
    expect(new TextDecoder().decode(file.data)).toContain('## Moderación');
    const docx = await exportEvents(events, 'docx', { locale: 'es-ES', now: T0 + 50 * MIN });
    expect(docx.data.byteLength).toBeGreaterThan(1000);
  });

  it('the agenda section is in Spanish too; item titles, names and subjects stay as written', () => {
    const meeting = new Meeting();
    meeting.append('host', [{ type: 'device.joined', deviceId: 'phoneA' }]);
    const item = meeting.do('addItem', { title: 'Budget 2027', speakingSeconds: 120 });
    meeting.do('setCurrentItem', { itemId: item });
    meeting.speak('phoneA', item, { name: 'Ana', subject: 'Library hours' });
    meeting.do('callSpeaker', {});
    meeting.do('timer', { action: 'start' });
    meeting.tick(61_000);
    meeting.do('endSpeaker', { speakerId: meeting.state.agenda.floor!, as: 'done' });
    meeting.append('facilitator', [{ type: 'session.closed' }]);
    const md = renderMinutesMarkdown(buildMinutes(meeting.events, { locale: 'es-ES', generatedAt: 1_700_000_900_000 }));
    expect(md).toContain('## Orden del día');
    expect(md).toContain('1 punto, por orden del día.');
    expect(md).toContain('- **Turno de palabra del público:** 2:00 por persona');
    expect(md).toContain('| Ana | Library hours | 1:01 de 2:00 |');
    expect(md).toContain('### El turno de palabra en cifras');
    expect(md).toContain('Budget 2027');
    expect(md).not.toMatch(/Public comment|per speaker|Speakers who spoke/);
  });

  it('a locale must be a language tag', () => {
    for (const ok of ['en', 'es-ES', 'es-419', 'en-GB']) expect(isLocaleTag(ok), ok).toBe(true);
    for (const bad of ['', 'x', 'es_ES', 'en-GB; rm -rf', 'a'.repeat(40), 'español']) expect(isLocaleTag(bad), bad).toBe(false);
  });
});
