import { devices } from '@playwright/test';
import { overflow } from './fixtures/layout.js';
import { ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';
import { expectAccessible } from './fixtures/axe.js';

/** Languages (issue 10): Spanish and English on the phone, console and projector; the RTL pseudo locale. */

const { defaultBrowserType: _ignored, ...pixel } = devices['Pixel 7'];


test('a phone starts in Spanish from its browser language, switches to English, and remembers it', async ({ host, browser }) => {
  await host.start(['--session', 'Pleno del barrio']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  const context = await browser.newContext({ ...pixel, locale: 'es-ES' });
  const phone = await context.newPage();
  await phone.goto(joinUrl!);
  await ready(phone);

  await expect(phone.locator('html')).toHaveAttribute('lang', 'es');
  await expect(phone.getByRole('status').filter({ hasText: 'Conectado' })).toBeVisible();
  await expect(phone.getByRole('heading', { name: 'Haga su pregunta' })).toBeVisible();
  await phone.getByRole('textbox', { name: 'Su pregunta' }).fill('¿Cuándo abrirá la piscina?');
  await phone.getByRole('button', { name: 'Enviar pregunta' }).click();
  await expect(phone.getByRole('heading', { name: 'Mis preguntas' })).toBeVisible();
  await expect(phone.getByRole('button', { name: 'Votar: ¿Cuándo abrirá la piscina?' })).toBeVisible();
  await expect(phone.getByText('0 votos')).toBeVisible();
  await expectAccessible(phone, 'phone in Spanish');

  // A yes/no/abstain poll's answers are the system's words: Spanish on this phone (issue 17).
  const created = await host.control('createPoll', { kind: 'yesno', question: '¿Aprobamos el plan?', options: [], visibility: 'live' });
  expect(created.ok).toBe(true);
  const pollId = created.ok ? created.value.pollId : '';
  expect((await host.control('openPoll', { pollId })).ok).toBe(true);
  const poll = phone.getByRole('region', { name: '¿Aprobamos el plan?' });
  await expect(poll.getByRole('radio')).toHaveCount(3);
  for (const answer of ['Sí', 'No', 'Abstención']) await expect(poll.getByRole('radio', { name: answer, exact: true })).toBeVisible();
  await poll.getByRole('radio', { name: 'Sí', exact: true }).check();
  await poll.getByRole('button', { name: 'Enviar respuesta' }).click();
  await expect(poll.getByText('Su respuesta: Sí')).toBeVisible();
  await expect(poll.getByRole('list').getByRole('listitem').filter({ hasText: 'Sí' })).toContainText('1 · 100 %');

  const switcher = phone.getByRole('group', { name: 'Idioma' });
  await expect(switcher.getByRole('button', { name: 'Español' })).toHaveAttribute('aria-pressed', 'true');
  await switcher.getByRole('button', { name: 'English' }).click();
  await expect(phone.locator('html')).toHaveAttribute('lang', 'en');
  await expect(phone.getByRole('heading', { name: 'Ask a question' })).toBeVisible();
  await expect(phone.getByRole('button', { name: 'Upvote: ¿Cuándo abrirá la piscina?' })).toBeVisible();
  await expect(phone.getByText('0 votes')).toBeVisible();
  await expect(poll.getByText('Your answer: Yes')).toBeVisible();
  await expectAccessible(phone, 'phone in English');

  await phone.reload();
  await ready(phone);
  await expect(phone.getByRole('heading', { name: 'Ask a question' })).toBeVisible();
  await expect(phone.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  await context.close();
});

test('console in both languages; the projector in Spanish with the join call in both languages', async ({ host, browser }) => {
  await host.start(['--session', 'Town hall']);
  await host.waitForLine('session-open');
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'en-GB' });
  const desk = await context.newPage();
  await desk.goto(host.urls.consoleUrl);
  await ready(desk);
  const projector = await context.newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(host.urls.projectorUrl);
  await ready(projector);

  await expect(projector.locator('.join-call')).toHaveText('Join from your phone');
  await expectAccessible(desk, 'console in English');
  await expectAccessible(projector, 'projector in English');

  // Two changes in a row, without waiting: the second must not undo the first.
  await desk.getByLabel('Projector language').selectOption('es');
  // A click, not check(): the box follows the host's answer, a moment later.
  await desk.getByLabel('Join call in both languages').click();
  await expect(projector.locator('html')).toHaveAttribute('data-bilingual', 'true');
  await expect(projector.locator('html')).toHaveAttribute('lang', 'es');
  await expect(projector.locator('.join-call')).toHaveText('Únase desde su teléfono / Join from your phone');
  await expect(projector.locator('.join-call [lang="en"]')).toHaveText('Join from your phone');
  await expect(projector.getByRole('heading', { name: 'Preguntas más votadas' })).toBeVisible();
  await expect(projector).toHaveTitle('Open Floor — Proyector');
  await expectAccessible(projector, 'projector in Spanish, bilingual');

  // The console itself: the switch, remembered on this laptop.
  await desk.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Español' }).click();
  await expect(desk.getByRole('heading', { name: 'Pantalla del proyector' })).toBeVisible();
  await expect(desk.getByLabel('Idioma del proyector')).toHaveValue('es');
  await expectAccessible(desk, 'console in Spanish');
  await desk.reload();
  await ready(desk);
  await expect(desk.getByRole('heading', { name: 'Ajustes' })).toBeVisible();

  // Minutes in Spanish from the export panel (the console is in Spanish: that is the default choice).
  const panel = desk.getByRole('region', { name: 'Exportar el registro' });
  await expect(panel.getByLabel('Idioma del acta')).toHaveValue('es');
  await panel.getByLabel('Idioma del acta').selectOption('en');
  await panel.getByLabel('Idioma del acta').selectOption('es');
  const href = await panel.locator('a[data-format="md"]').getAttribute('href');
  expect(href).toContain('locale=es');
  const markdown = await (await desk.request.get(new URL(href!, host.urls.loopbackOrigin).toString())).text();
  expect(markdown).toContain('## Preguntas');
  expect(markdown).toContain('Acta de una sesión pública registrada con Open Floor.');

  // Back to one language: the second call goes.
  await desk.getByLabel('Invitación a participar en los dos idiomas').click();
  await expect(projector.locator('.join-call')).toHaveText('Únase desde su teléfono');
  await context.close();
});

test('the right-to-left pseudo locale: every screen is rtl, bracketed, and nothing sticks out of the viewport', async ({ host, browser }) => {
  await host.start(['--session', 'Layout check']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);

  const phoneContext = await browser.newContext(pixel);
  const phone = await phoneContext.newPage();
  await phone.goto(`${joinUrl!}?lang=ar-XB`);
  await ready(phone);
  await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
  await phone.getByRole('textbox', { name: '[Your question ٭]' }).fill('A question long enough to wrap over more than one line on a phone screen');
  await phone.getByRole('button', { name: '[Send question ٭]' }).click();
  await expect(phone.getByRole('heading', { name: '[My questions ٭]' })).toBeVisible();
  expect(await overflow(phone), 'phone').toEqual([]);

  const laptop = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const desk = await laptop.newPage();
  await desk.goto(`${host.urls.consoleUrl}&lang=ar-XB`);
  await ready(desk);
  await expect(desk.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(desk.getByRole('heading', { name: '[Settings ٭]' })).toBeVisible();
  expect(await overflow(desk), 'console').toEqual([]);

  const projector = await laptop.newPage();
  await projector.setViewportSize({ width: 1920, height: 1080 });
  await projector.goto(`${host.urls.projectorUrl}&lang=ar-XB`);
  await ready(projector);
  await expect(projector.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(projector.getByRole('heading', { name: '[Top questions ٭]' })).toBeVisible();
  expect(await overflow(projector), 'projector').toEqual([]);

  // The check itself: an element pushed past the inline end (as a physical margin would in RTL) is caught.
  await projector.evaluate(() => {
    const stray = document.createElement('p');
    stray.textContent = 'stray';
    stray.style.marginInlineEnd = '-50vw';
    stray.style.width = '120vw';
    document.body.append(stray);
  });
  expect((await overflow(projector)).length).toBeGreaterThan(0);
  await Promise.all([phoneContext.close(), laptop.close()]);
});
