/**
 * Escaping for the minutes' Markdown (CommonMark + GFM). Everything people typed — questions, names, replies, and
 * also the title and place — is untrusted and comes out as inert text, but readable: only what Markdown
 * would interpret is backslash-escaped (CommonMark renders an escaped punctuation mark as itself), so a
 * clerk reading the file sees "reopen, and what will it cost?" and not "reopen\, … cost\?".
 *
 * Escaped anywhere in a line:
 * - `\` `` ` `` `*` `_` `[` `]` `<` `~` `|`: escapes, code, emphasis, links and images (`![` needs `[`),
 *   HTML and autolinks, strikethrough, table cells;
 * - `&` only where it would start an entity (`&amp;`, `&#38;`);
 * - `:` before `//` and `.` between a letter or digit and a letter, so neither GFM nor markdown-it's
 *   linkify turns `http://…`, `www.…` or `example.com` into a link (`3.5` and `end. Next` stay as typed).
 *
 * Escaped only at the start of a line (where they start a block): `#` (heading), `>` (block quote),
 * `-` `+` `=` (list, thematic break, setext underline), and the `.` or `)` after leading digits
 * (ordered list); and a run of `#` ending a line after a space (a heading would drop it).
 *
 * Line breaks inside a text become hard breaks (`\` at the end of the line) followed by the
 * indentation of the surrounding block, so a typed line never starts a block of its own (blank lines
 * and the spaces around each line are dropped: Markdown would drop them too).
 *
 * Unescaping (removing each backslash before punctuation) gives the original text back, unchanged:
 * RTL scripts and emoji are not touched. `test/markdown-escape.test.ts` proves it with a real parser.
 */

const INLINE_SPECIAL_REGEX = /[\\`*_[\]<~|]|&(?=#?[A-Za-z0-9]+;)|:(?=\/\/)|(?<=[\p{L}\p{N}])\.(?=\p{L})/gu;

function escapeLine(line: string): string {
  const inline = line.replace(INLINE_SPECIAL_REGEX, (c) => `\\${c}`);
  // Block starts: a leading #, >, -, +, = or the marker of an ordered list ("1." / "1)"); and a
  // closing run of # at the end of a line, which a heading would drop ("Vote #" must keep its "#").
  return inline
    .replace(/^[#>\-+=]/, (c) => `\\${c}`)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/(\s)(#+)$/, '$1\\$2');
}

/** Escapes untrusted text for a Markdown paragraph; `indent` continues a multi-line text in its block. */
export function escapeMarkdown(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map(escapeLine)
    .join(`\\\n${indent}`);
}

/** Escapes untrusted text that must stay on one line (headings, names, list fields). */
export function escapeMarkdownLine(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' '));
}

/** Inverse of `escapeMarkdown` for one line (tests and round-trip checks). */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\\n\s*/g, '\n').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
