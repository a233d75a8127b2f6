import type { Translate } from '../../../src-shared/i18n/format.js';
import { esc, factList, languageLinks, page, pageFile } from './html.js';

/**
 * The page that checks a meeting's published record in the browser (verify.js, bundled with
 * @noble/hashes: no network, no crypto.subtle). Over http(s) it loads `record.json` beside it; from a
 * file:// page, where reading another file is refused, it offers a file picker and a drop zone. Its
 * words are in the page (`data-*`), so the script carries no language.
 */
export interface VerifyPageInput {
  title: string;
  finalHash: string;
  sourceFinalHash: string;
  tr: Translate;
  langs: ReadonlyArray<{ lang: string; readIn: string }>;
  index: number;
}

const MESSAGE_KEYS = ['loading', 'fetchFailed', 'intact', 'altered', 'notRecord', 'reason_sequence', 'reason_link', 'reason_content', 'reason_final-hash', 'reason_source-final-hash'];

/** `reason_final-hash` → `reason-final-hash`, `fetchFailed` → `fetch-failed` (what verify.js reads). */
const attrName = (key: string): string => key.replace('_', '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function verifyPage({ title, finalHash, sourceFinalHash, tr, langs, index }: VerifyPageInput): string {
  const lang = langs[index]!.lang;
  const data = MESSAGE_KEYS.map((k) => `data-${attrName(k)}="${esc(tr(`published.${k}`))}"`).join(' ');
  const main = `<h1>${esc(tr('published.verifyTitle', { title }))}</h1>
<p>${esc(tr('published.verifyIntro'))}</p>
<p>${esc(tr('published.verifyMeaning'))}</p>
${factList([
  [tr('published.finalHash'), finalHash],
  [tr('published.sourceFinalHash'), sourceFinalHash],
], 'facts hashes')}
<div id="verify" ${data}>
<p id="verify-result" role="status" aria-live="polite"><noscript>${esc(tr('published.verifyNoScript'))}</noscript></p>
<p><label for="record-file">${esc(tr('published.pickFile'))}</label> <input type="file" id="record-file" accept=".json,application/json"> ${esc(tr('published.dropHint'))}</p>
</div>`;
  const nav = `<a href="${pageFile('index', lang, index)}">${esc(tr('published.backToMeeting'))}</a>${languageLinks('verify', langs, index)}`;
  return page({ lang, title: tr('published.verifyTitle', { title }), root: '../../', skip: tr('published.skip'), nav, navLabel: tr('published.navigation'), main, scripts: ['verify.js'] });
}
