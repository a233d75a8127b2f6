import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { LoggedEvent } from '../../../src-shared/events.js';
import { buildMinutes } from '../../../src-shared/minutes/build.js';
import { minutesText } from '../../../src-shared/minutes/wording.js';
import { buildPublicRecord, renderPublicRecordJson } from '../../../src-shared/publish/public-record.js';
import { publishedWords } from '../../../src-shared/publish/words.js';
import { ID_REGEX } from '../../../src-shared/ids.js';
import type { Store } from '../store/store.js';
import { meetingChartFiles, meetingCharts } from './charts.js';
import { pageFile } from './html.js';
import { fold } from '../../../src-shared/fold.js';
import { meetingMeasures } from '../../../src-shared/measures/dialogue.js';
import { indexPage, isMeetingSummary, meetingSummary, type MeetingSummary } from './index-page.js';
import { meetingPage } from './meeting-page.js';
import { TREND_FILE, trendPng } from './trend.js';
import { SITE_CSS } from './style.js';
import { verifyPage } from './verify-page.js';

/**
 * `open-floor publish` and the console's "Publish the record": a static folder any web server or a USB
 * stick can serve (docs/ARCHITECTURE.md, "Publishing the record"):
 *
 *   index.html (+ index.<lang>.html)      the meetings, newest first
 *   style.css  mine.js  verify.js         shared; the scripts only add to pages that read without them
 *   meetings/<sessionId>/index.html       the meeting (+ index.<lang>.html), its charts as PNG files
 *   meetings/<sessionId>/verify.html      checks record.json in the browser
 *   meetings/<sessionId>/record.json      the public record (never the full archive)
 *   meetings/<sessionId>/meeting.json     the index's summary of it
 *
 * Paths depend on the session id only, so publishing again (after written answers) rewrites the same
 * files and a link given on the night keeps working. Each file is written whole and renamed into place.
 */
export interface PublishOptions {
  outDir: string;
  /** Locales of the pages, the first one's pages keep the plain names (e.g. ["en-GB", "es-ES"]). */
  locales: readonly string[];
  /** Where the built scripts are (out/published: mine.js, verify.js). */
  assetsDir: string;
  now?: number;
}

export interface PublishResult {
  outDir: string;
  meetings: string[];
}

export class PublishError extends Error {}

/** The sessions `--all` publishes: every one that was opened (drafts have nothing to say yet). */
export function publishableSessions(store: Pick<Store, 'sessions' | 'sessionStatus'>): string[] {
  return store.sessions().map((s) => s.id).filter((id) => store.sessionStatus(id) !== 'draft');
}

export function publishSessions(store: Pick<Store, 'events'>, sessionIds: readonly string[], opts: PublishOptions): PublishResult {
  if (opts.locales.length === 0) throw new PublishError('Name at least one language.');
  const now = opts.now ?? Date.now();
  mkdirSync(join(opts.outDir, 'meetings'), { recursive: true });
  for (const id of sessionIds) {
    if (!ID_REGEX.test(id)) throw new PublishError(`“${id}” is not a session id.`);
    const events = store.events(id);
    if (events.length === 0) throw new PublishError(`No session with id “${id}” in this data directory.`);
    publishMeeting(events, join(opts.outDir, 'meetings', id), opts.locales, now);
  }
  writeSiteFiles(opts);
  return { outDir: opts.outDir, meetings: [...sessionIds] };
}

const langsOf = (locales: readonly string[]) => locales.map((l) => publishedWords(l)).map(({ lang, tr }) => ({ lang, readIn: tr('published.readIn') }));

function publishMeeting(events: readonly LoggedEvent[], dir: string, locales: readonly string[], now: number): void {
  mkdirSync(dir, { recursive: true });
  const langs = langsOf(locales);
  // Folded once for the public record, every language's minutes and the measures (a meeting can hold tens
  // of thousands of events). Each of them only reads the state.
  const state = fold(events);
  const record = buildPublicRecord(events, sha256Hex, state);
  let summary: MeetingSummary | null = null;
  locales.forEach((locale, index) => {
    const minutes = buildMinutes(events, { locale, generatedAt: now }, state);
    const text = minutesText(minutes);
    const { lang, tr } = publishedWords(locale);
    if (index === 0) {
      for (const f of meetingChartFiles(minutes)) writeAtomic(join(dir, f.name), f.data);
      summary = meetingSummary(minutes, text.title, meetingMeasures(events, state, minutes));
    }
    const charts = meetingCharts(minutes, text);
    writeAtomic(join(dir, pageFile('index', lang, index)), meetingPage({ minutes, text, tr, lang, langs, index, charts }));
    writeAtomic(join(dir, pageFile('verify', lang, index)), verifyPage({ title: text.title, finalHash: record.finalHash, sourceFinalHash: record.sourceFinalHash, tr, langs, index }));
  });
  writeAtomic(join(dir, 'record.json'), renderPublicRecordJson(record));
  writeAtomic(join(dir, 'meeting.json'), `${JSON.stringify(summary)}\n`);
}

/** The index (from every meeting's summary in the folder), the style sheet and the scripts. */
export function writeSiteFiles(opts: PublishOptions): void {
  const meetingsDir = join(opts.outDir, 'meetings');
  const meetings: MeetingSummary[] = [];
  for (const entry of readdirSync(meetingsDir, { withFileTypes: true })) {
    const file = join(meetingsDir, entry.name, 'meeting.json');
    if (!entry.isDirectory() || !existsSync(file)) continue;
    try {
      const s: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (isMeetingSummary(s)) meetings.push(s);
    } catch {
      // A summary someone broke by hand: that meeting is left out of the index until published again.
    }
  }
  const langs = langsOf(opts.locales);
  opts.locales.forEach((locale, index) => {
    const { lang, tr } = publishedWords(locale);
    writeAtomic(join(opts.outDir, pageFile('index', lang, index)), indexPage({ meetings, tr, locale, langs, index }));
  });
  const trend = trendPng(meetings);
  if (trend) writeAtomic(join(opts.outDir, TREND_FILE), trend);
  writeAtomic(join(opts.outDir, 'style.css'), SITE_CSS);
  for (const script of ['mine.js', 'verify.js']) {
    const from = join(opts.assetsDir, script);
    if (!existsSync(from)) throw new PublishError(`${from} is missing: run \`npm run build\`.`);
    copyFileSync(from, join(opts.outDir, script));
  }
}

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
