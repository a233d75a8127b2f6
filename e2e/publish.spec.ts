import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ask, boardItem, openPhone, ready, upvote } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';
import { expectAccessible } from './fixtures/axe.js';

/** Issue 19, part 2: a closed meeting published as a static folder, read from file:// and http, checked in the browser. */
const CLI = join(__dirname, '..', 'bin', 'open-floor.cjs');
const ATTACK = `Will the <script>alert("x")</script> "playground" & the river's path be repaired?`;
const HIDDEN = 'Rude words the moderator hid';


function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else yield full;
  }
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png' };

/** The folder on a plain static web server (what a council's website would do), on a free port. */
function serve(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    try {
      const data = readFileSync(join(root, path.endsWith('/') ? `${path}index.html` : path));
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(data);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

test('a closed meeting is published, read without scripts, checked intact then altered, and a phone’s link highlights its question', async ({ host, newPhone, browser }) => {
  await host.start(['--session', 'Parks committee']);
  const { joinUrl, sessionId } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);
  const asker = (await newPhone()).page;
  await openPhone(asker, joinUrl!);
  await ask(asker, ATTACK, 'Jonas');
  await ask(asker, HIDDEN);
  const voter = (await newPhone()).page;
  await openPhone(voter, joinUrl!);
  await expect(boardItem(voter, HIDDEN)).toBeVisible();
  await upvote(voter, ATTACK).click();

  const out = mkdtempSync(join(tmpdir(), 'open-floor-published-'));
  const archiveFile = join(out, '..', `${sessionId}-archive.json`);
  const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args, '--data', host.dataDir], { encoding: 'utf8' });
  const archive = () => {
    cli('export', '--session', sessionId!, '--format', 'json', '--out', archiveFile);
    return JSON.parse(readFileSync(archiveFile, 'utf8')) as { events: Array<{ body: Record<string, string> }> };
  };
  const asked = archive().events.filter((e) => e.body.type === 'question.asked');
  const idOf = (text: string) => asked.find((e) => e.body.text === text)!.body.questionId!;
  expect((await host.control('hide', { questionId: idOf(HIDDEN) })).ok).toBe(true);
  expect((await host.control('markAnswered', { questionId: idOf(ATTACK), reply: 'Yes, in May.' })).ok).toBe(true);
  expect((await host.control('closeSession', {})).ok).toBe(true);
  const deviceIds = archive().events.filter((e) => e.body.type === 'device.joined').map((e) => e.body.deviceId!);
  expect(deviceIds).toHaveLength(2);

  // The console's button writes the same site into the data folder and says where.
  const laptop = await browser.newContext();
  const consolePage = await laptop.newPage();
  await consolePage.goto(host.urls.consoleUrl);
  await ready(consolePage);
  await consolePage.getByRole('button', { name: 'Publish the record of “Parks committee”' }).click();
  const page0 = join(host.dataDir, 'published', 'meetings', sessionId!, 'index.html');
  await expect(consolePage.getByRole('status').filter({ hasText: 'Published:' })).toContainText(page0);
  expect(existsSync(page0)).toBe(true);
  await laptop.close();

  expect(cli('publish', '--session', sessionId!, '--out', out, '--locale', 'en-GB')).toContain('Published 1 meeting');
  for (const file of files(out)) {
    const text = readFileSync(file, 'latin1');
    for (const secret of [HIDDEN, ...deviceIds]) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
  }

  // file://, scripts on: the index, the meeting, axe on both.
  const reader = await browser.newContext();
  const page = await reader.newPage();
  await page.goto(pathToFileURL(join(out, 'index.html')).href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Public meetings: the record');
  await expectAccessible(page, 'index');
  await page.getByRole('link', { name: 'Parks committee' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Parks committee' })).toBeVisible();
  const question = page.locator(`#q-${idOf(ATTACK)}`);
  await expect(question).toContainText(ATTACK);
  await expect(question).toContainText('Yes, in May.');
  await expect(question).toContainText('1 vote');
  await expectAccessible(page, 'meeting page');

  // The phone's link: #mine=<its question id> marks it as "your question" and moves to it.
  await page.goto(`${pathToFileURL(join(out, 'meetings', sessionId!, 'index.html')).href}#mine=${idOf(ATTACK)}`);
  await expect(page.getByRole('listitem').filter({ hasText: 'Your question' })).toContainText(ATTACK);
  await expect(question).toBeFocused();

  // file:// cannot read record.json: the verify page asks for the file.
  await page.getByRole('link', { name: 'Check that this record is intact' }).click();
  await expect(page.getByRole('status')).toContainText('choose it below');
  await page.getByLabel('Choose the record file (record.json)').setInputFiles(join(out, 'meetings', sessionId!, 'record.json'));
  await expect(page.getByRole('status')).toHaveText(/^Intact: \d+ entries/);
  await expectAccessible(page, 'verify page');

  // http: the record loads by itself; one byte changed says altered.
  const { server, origin } = await serve(out);
  try {
    await page.goto(`${origin}/meetings/${sessionId}/verify.html`);
    await expect(page.getByRole('status')).toHaveText(/^Intact: \d+ entries/);
    const recordFile = join(out, 'meetings', sessionId!, 'record.json');
    const record = readFileSync(recordFile, 'utf8');
    writeFileSync(recordFile, record.replace('"Jonas"', '"Jonaz"'));
    await page.reload();
    await expect(page.getByRole('status')).toHaveText(/^Altered: entry \d+ does not match \(its content does not match its hash\)\./);
  } finally {
    server.close();
  }

  // Scripts off: the page reads the same.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await plain.goto(pathToFileURL(join(out, 'meetings', sessionId!, 'index.html')).href);
  await expect(plain.locator(`#q-${idOf(ATTACK)}`)).toContainText(ATTACK);
  await expect(plain.getByRole('heading', { level: 2, name: 'Questions', exact: true })).toBeVisible();
  await noScript.close();
  await reader.close();
  rmSync(out, { recursive: true, force: true });
  rmSync(archiveFile, { force: true });
});
