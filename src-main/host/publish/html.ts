/**
 * The published site's HTML: strings built with every outside text escaped (`esc`), so a resident's
 * `<script>` or quote is shown as typed, never run. One shell for every page: a language, a skip link,
 * landmarks, the local style sheet, and no script a page needs to be read.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const esc = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A `<dl>` of label/value pairs. */
export const factList = (facts: ReadonlyArray<readonly [string, string]>, cls = 'facts'): string =>
  `<dl class="${cls}">${facts.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`;

/** A table with a header row (`scope="col"`) and the first cell of each row as its header. */
export function table(columns: readonly string[], rows: ReadonlyArray<readonly string[]>, caption?: string, numeric = true): string {
  const head = `<thead><tr>${columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr></thead>`;
  const body = rows
    .map((r) => `<tr>${r.map((cell, i) => (i === 0 ? `<th scope="row">${esc(cell)}</th>` : `<td${numeric ? ' class="num"' : ''}>${esc(cell)}</td>`)).join('')}</tr>`)
    .join('');
  return scrollable(`<table>${caption ? `<caption>${esc(caption)}</caption>` : ''}${head}<tbody>${body}</tbody></table>`, caption ?? columns.join(', '));
}

/** A wide table scrolls sideways on a phone; the scrolling box can be reached and scrolled by keyboard. */
export const scrollable = (tableHtml: string, label: string): string =>
  `<div class="scroll" tabindex="0" role="region" aria-label="${esc(label)}">${tableHtml}</div>`;

export interface PageShell {
  lang: string;
  title: string;
  /** Relative path from the page to the site's root ("" or "../../"). */
  root: string;
  skip: string;
  /** Navigation links (already HTML). */
  nav: string;
  navLabel: string;
  main: string;
  /** Scripts (site-relative file names), loaded deferred: the page reads without them. */
  scripts?: readonly string[];
}

export function page(p: PageShell): string {
  const scripts = (p.scripts ?? []).map((s) => `<script src="${esc(p.root + s)}" defer></script>`).join('');
  return `<!doctype html>
<html lang="${esc(p.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)}</title>
<link rel="stylesheet" href="${esc(p.root)}style.css">
${scripts}
</head>
<body>
<a class="skip" href="#main">${esc(p.skip)}</a>
<header><nav aria-label="${esc(p.navLabel)}">${p.nav}</nav></header>
<main id="main" tabindex="-1">
${p.main}
</main>
</body>
</html>
`;
}

/** File name of a page in the `index`-th language: the first language keeps the plain name (stable links). */
export const pageFile = (base: string, lang: string, index: number): string => (index === 0 ? `${base}.html` : `${base}.${lang}.html`);

/** Links to the same page in the other languages, each named in its own language. */
export function languageLinks(base: string, langs: ReadonlyArray<{ lang: string; readIn: string }>, current: number): string {
  return langs
    .map((l, i) => (i === current ? '' : `<a href="${esc(pageFile(base, l.lang, i))}" lang="${esc(l.lang)}" hreflang="${esc(l.lang)}">${esc(l.readIn)}</a>`))
    .join('');
}
