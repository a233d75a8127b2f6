import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { HostProcess } from '../e2e/fixtures/host.js';
import type { Archive } from '../src-shared/minutes/archive.js';
import type { EngineDriver } from './drivers/types.js';
import { css, hasText, Phone, role, roleContaining, text } from './phone.js';
import { TOWN_HALL } from './town-hall.js';

const Q1 = 'Will the library stay open on Sundays?';
const Q2 = 'Typed while the laptop was unreachable';
const Q3 = '¿Escrita sin conexión y recargada?';
const ITEM = 'Public comment on the budget';
const POLLS = {
  single: { question: 'Which park design do you prefer?', options: ['North meadow', 'River walk', 'Hill garden'] },
  multiple: { question: 'Which two days suit you?', options: ['Monday', 'Wednesday', 'Saturday'] },
  yesno: { question: 'Should the pool open earlier?', options: [] },
  rating: { question: 'How well did we explain the budget?', options: [] },
} as const;

const STEP_MS = 120_000;
const boardItem = (q: string, list = 'Questions on the board') => [role('list', list), role('listitem'), hasText(q)];
const SPANISH_BOARD = 'Preguntas del tablero';
const status = (part: string) => [role('status'), hasText(part)];

/**
 * The phone's flows, the same in every engine, from an insecure origin (`http://town-hall.test:PORT`) as a
 * real phone's LAN address is: one host and two phones for the whole run (the steps build on each other),
 * the host killed and started again on the same port and data folder at the end.
 */
export function phoneFlows(engineName: EngineDriver['name'], start: () => Promise<EngineDriver>): void {
  describe.sequential(`phone flows in ${engineName}, insecure origin`, () => {
    const host = new HostProcess(undefined, TOWN_HALL);
    let engine: EngineDriver | null = null;
    let a: Phone;
    let b: Phone;
    let joinUrl = '';
    let sessionId = '';

    beforeAll(async () => {
      await host.start(['--session', 'Town hall']);
      ({ joinUrl = '', sessionId = '' } = await host.waitForLine('session-open'));
      expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
      engine = await start();
      a = new Phone(await engine.newPhone(), `${engineName} phone A`);
      b = new Phone(await engine.newPhone(), `${engineName} phone B`);
    }, STEP_MS);

    afterAll(async () => {
      await engine?.close();
      if (process.env.DEBUG_ENGINES) console.log(host.stderr);
      await host.dispose();
    }, STEP_MS);

    test('joins from the QR link and by typing the code, in an insecure context', async () => {
      expect(new URL(joinUrl).hostname).toBe(TOWN_HALL);
      await a.open(joinUrl);
      await a.visible(status('Connected'));
      const facts = await a.page.facts();
      expect(new URL(facts.url).hostname).toBe(TOWN_HALL);
      // A phone on the LAN: none of what only secure contexts have.
      expect(facts).toMatchObject({ isSecureContext: false, subtle: false, randomUUID: false });
      // …so no offline copy either (service workers need a secure context), and the page says so.
      await a.attribute([css('body')], 'data-offline-ready', 'false');

      await b.page.goto(`http://${TOWN_HALL}:${new URL(joinUrl).port}/`);
      const { code = '' } = await host.waitForLine('session-open');
      await b.fill([role('textbox', 'Join code')], code.toLowerCase());
      await b.click([role('button', 'Join')]);
      await b.ready();
      await b.visible(status('Connected'));
      expect((await b.page.facts()).isSecureContext).toBe(false);
    }, STEP_MS);

    test('asks a question; another phone upvotes it and withdraws the vote', async () => {
      await a.fill([role('textbox', 'Your question')], Q1);
      await a.click([role('button', 'Send question')]);
      await a.visible([role('heading', 'My questions')]);
      await b.contains(boardItem(Q1), '0 votes');
      const upvote = [role('button', `Upvote: ${Q1.slice(0, 40)}`)];
      await b.click(upvote);
      for (const phone of [a, b]) await phone.contains(boardItem(Q1), '1 vote');
      await b.attribute(upvote, 'aria-pressed', 'true');
      await b.click(upvote);
      for (const phone of [a, b]) await phone.contains(boardItem(Q1), '0 votes');
      await b.attribute(upvote, 'aria-pressed', 'false');
    }, STEP_MS);

    test('asks to speak, sees its place in line, withdraws', async () => {
      const added = await host.control('addItem', { title: ITEM, publicComment: true });
      if (!added.ok) throw new Error(added.error);
      expect((await host.control('setCurrentItem', { itemId: added.value.itemId })).ok).toBe(true);
      for (const [phone, subject] of [
        [a, 'Library opening hours'],
        [b, 'Parking on Main Street'],
      ] as const) {
        await phone.click([role('button', `Ask to speak on ${ITEM}`)]);
        const form = role('form', `Ask to speak on ${ITEM}`);
        await phone.fill([form, role('textbox', 'Subject')], subject);
        await phone.click([form, role('button', 'Send request to speak')]);
      }
      await a.visible(status('You’re next'));
      await b.visible(status('2nd in line'));
      await a.click([role('button', `Withdraw my request to speak on ${ITEM}`)]);
      await b.visible(status('You’re next'));
      await a.visible([role('button', `Ask to speak on ${ITEM}`)]);
    }, STEP_MS);

    test('sends a written comment on the current item, and is told it was received', async () => {
      await a.click([role('button', `Send a written comment on ${ITEM}`)]);
      const form = role('form', `Send a written comment on ${ITEM}`);
      await a.fill([form, role('textbox', 'Your comment')], 'I cannot stay: please keep the branch library open on Sundays.');
      await a.click([form, role('button', 'Send comment')]);
      await a.visible(status('Your comment was received.'));
    }, STEP_MS);

    test('answers a poll of each kind and changes each answer', async () => {
      for (const [kind, poll] of Object.entries(POLLS)) {
        const created = await host.control('createPoll', {
          kind: kind as keyof typeof POLLS,
          question: poll.question,
          options: [...poll.options],
          ...(kind === 'multiple' ? { maxChoices: 2 } : {}),
          visibility: 'live',
        });
        if (!created.ok) throw new Error(created.error);
        expect((await host.control('openPoll', { pollId: created.value.pollId })).ok).toBe(true);
      }
      const card = (question: string) => role('region', question);
      const answer = async (question: string, pick: string[], drop: string[], expected: string) => {
        for (const option of drop) await a.uncheck([card(question), role('checkbox', option)]);
        for (const option of pick) await a.check([card(question), role(pick.length > 1 || drop.length > 0 ? 'checkbox' : 'radio', option)]);
        await a.click([card(question), roleContaining('button', 'answer')]);
        await a.contains([card(question)], `Your answer: ${expected} (you can change it until the poll closes)`);
      };
      const { single, multiple, yesno, rating } = POLLS;
      await answer(single.question, ['North meadow'], [], 'North meadow');
      await answer(single.question, ['Hill garden'], [], 'Hill garden');
      await answer(multiple.question, ['Monday', 'Saturday'], [], 'Monday, Saturday');
      await answer(multiple.question, ['Wednesday'], ['Monday'], 'Wednesday, Saturday');
      await answer(yesno.question, ['Yes'], [], 'Yes');
      await answer(yesno.question, ['Abstain'], [], 'Abstain');
      await answer(rating.question, ['2'], [], '2');
      await answer(rating.question, ['5'], [], '5');
      // The host counted the last answers only: the live charts on the other phone say so.
      const row = (question: string, option: string) => [role('list', `Results: ${question}`), role('listitem'), hasText(option)];
      await b.contains(row(single.question, 'Hill garden'), '1 · 100%');
      await b.contains(row(single.question, 'North meadow'), '0 · 0%');
      await b.contains(row(multiple.question, 'Monday'), '0 · 0%');
      await b.contains(row(multiple.question, 'Wednesday'), '1 · 100%');
      await b.contains(row(yesno.question, 'Abstain'), '1 · 100%');
      await b.contains(row(rating.question, '5'), '1 · 100%');
    }, STEP_MS);

    test('switches to Spanish', async () => {
      await b.click([role('group', 'Language'), role('button', 'Español')]);
      await b.attribute([css('html')], 'lang', 'es');
      await b.visible([role('heading', 'Haga su pregunta')]);
      await b.visible(status('Conectado'));
      await b.contains(boardItem(Q1, SPANISH_BOARD), '0 votos');
      await b.attribute([role('group', 'Idioma'), role('button', 'Español')], 'aria-pressed', 'true');
    }, STEP_MS);

    test('survives a host restart; questions typed while the laptop is unreachable arrive once, reloaded or not', async () => {
      const lanPort = new URL(host.urls.lanOrigin).port;
      await host.kill('SIGKILL');
      await a.visible(status('Offline'));
      await b.visible(status('Sin conexión'));
      await a.fill([role('textbox', 'Your question')], Q2);
      await a.click([role('button', 'Send question')]);
      await a.visible([text('Waiting to send')]);
      await b.fill([role('textbox', 'Su pregunta')], Q3);
      await b.click([role('button', 'Enviar pregunta')]);
      await b.visible([text('Pendiente de envío')]);
      // No service worker on plain http: a reload now gets the browser's own error page, as on a real phone.
      await b.page.reload().catch(() => undefined);
      await b.gone([role('textbox', 'Su pregunta')]);

      await host.start(['--port', lanPort]);
      // Phone A's page was open all along and sends by itself; phone B is reloaded once the laptop is back.
      await a.visible(status('Connected'));
      await b.page.goto(joinUrl);
      await b.ready();
      await b.visible(status('Conectado'));
      await a.gone([text('Waiting to send')]);
      for (const phone of [a, b]) {
        const list = phone === b ? SPANISH_BOARD : undefined;
        for (const q of [Q1, Q2, Q3]) await phone.count(boardItem(q, list), 1);
      }
      await b.gone([text('Pendiente de envío')]);
      // What the phones had before the restart is still theirs.
      await a.contains([role('region', POLLS.single.question)], 'Your answer: Hill garden');
      await b.visible(status('Es usted el siguiente'));

      // Once in the record, too.
      const res = await fetch(`${host.urls.loopbackOrigin}/export/${sessionId}.json?t=${host.urls.token}`);
      const archive = (await res.json()) as Archive;
      for (const q of [Q2, Q3]) expect(archive.events.filter((e) => e.body.type === 'question.asked' && e.body.text === q)).toHaveLength(1);
    }, STEP_MS);

    test('after the close: where the record will be published, with a link to its own questions', async () => {
      expect((await host.control('setPublication', { sessionId, url: 'https://council.example/records', when: 'from 20 June' })).ok).toBe(true);
      expect((await host.control('closeSession', {})).ok).toBe(true);
      const record = role('region', 'The record of this meeting');
      await a.contains([record], 'https://council.example/records');
      const link = [record, role('link', 'See your questions and their answers there')];
      const mine = new RegExp(`^https://council\\.example/records/meetings/${sessionId}/#mine=[\\w-]+,[\\w-]+$`);
      await a.until(link, (f) => f.count === 1 && mine.test(f.attributes.href ?? ''), 'the link to carry both of its questions', ['href']);
    }, STEP_MS);
  });
}
