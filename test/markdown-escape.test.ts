import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeMarkdownLine, unescapeMarkdown } from '../src-shared/minutes/markdown-escape.js';

/**
 * The Markdown minutes escape only what Markdown would interpret. Proven with a real parser
 * (markdown-it, CommonMark + GFM tables and strikethrough), in its most permissive setting: raw HTML
 * allowed and bare links turned into links (linkify), as a careless viewer might render the file.
 */
const md = new MarkdownIt({ html: true, linkify: true });

/** The text a reader sees, from markdown-it's HTML of one paragraph (entities decoded, breaks as \n). */
function visibleText(html: string): string {
  return html
    .replace(/<br>\n?/g, '\n')
    .replace(/<\/?p>\n?/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trimEnd();
}

/** Every HTML tag markdown-it produced, other than the paragraph and line breaks an inert text gives. */
const tags = (html: string): string[] => [...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1]!.toLowerCase()).filter((t) => t !== 'p' && t !== 'br');

const ATTACKS = [
  '[a link](http://evil.example) and ![an image](http://evil.example/x.png)',
  '<script>alert(1)</script> <b>bold</b> <!-- comment --> <http://autolink.example>',
  'see http://evil.example/path or www.evil.example or evil.example or mail ana@evil.example',
  '# a heading',
  '## another heading',
  'Title\n===',
  'Title\n---',
  '> a quote',
  '- a list\n+ another\n* a third',
  '1. ordered\n2) second',
  '*emphasis* _emphasis_ **strong** __strong__ ~~struck~~ `code`',
  '```\nfenced\n```',
  '~~~\nfenced\n~~~',
  '| a | b |\n| --- | --- |\n| c | d |',
  '&amp; &#60;script&#62; &copy;',
  'a line ending in a backslash \\\nnext',
  '***\n___',
  '[ref]: http://evil.example\n[ref]',
  'text with trailing spaces for a break  \nnext',
];

describe('Markdown minutes: attendee text stays text', () => {
  for (const text of ATTACKS) {
    it(`no link, HTML, heading, list, quote, code or emphasis from ${JSON.stringify(text.slice(0, 40))}`, () => {
      const html = md.render(escapeMarkdown(text));
      expect(tags(html), html).toEqual([]);
      // What the reader sees is what was typed (lines trimmed, blank lines dropped, as Markdown does).
      const typed = text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0)
        .join('\n');
      expect(visibleText(html)).toBe(typed);
      expect(unescapeMarkdown(escapeMarkdown(text))).toBe(typed);
    });
  }

  it('stays inert inside a numbered list item with continuation lines, as in the minutes', () => {
    const text = '# heading\n- list\n> quote\n[x](http://e.example)';
    const html = md.render(`1. ${escapeMarkdown(text, '   ')}\n`);
    expect(tags(html).filter((t) => t !== 'ol' && t !== 'li')).toEqual([]);
    expect(html.match(/<li>/g)).toHaveLength(1);
  });

  it('one-line fields stay one line and inert', () => {
    const html = md.render(`# ${escapeMarkdownLine('Budget *2025*\n# <i>forum</i>')}`);
    expect(tags(html)).toEqual(['h1', 'h1']);
  });

  it('a heading keeps a title that ends in #', () => {
    expect(md.render(`# ${escapeMarkdownLine('Vote on item #')}`)).toBe('<h1>Vote on item #</h1>\n');
    expect(md.render(`# ${escapeMarkdownLine('Issue ##')}`)).toBe('<h1>Issue ##</h1>\n');
  });
});

describe('Markdown minutes: readable for a clerk', () => {
  it('leaves ordinary punctuation alone', () => {
    for (const text of [
      'Will the pool reopen, and what will it cost?',
      'Is 3.5 % enough? (Asked twice!) Yes: no; maybe — "quotes" and \'apostrophes\'.',
      'Costs $40 + tax = too much; 5 > 3 and 2 - 1 = 1.',
      'Ends with a full stop. Next sentence.',
      'Email me: #housing, @council',
    ]) {
      expect(escapeMarkdown(text)).toBe(text);
      expect(visibleText(md.render(text))).toBe(text);
    }
  });
});
