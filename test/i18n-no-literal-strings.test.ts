import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every word people read on the phone, the console and the projector comes from the catalogs
 * (src-shared/i18n). This scans the UI's sources for text that would reach the screen without them:
 * JSX text with letters, string attributes people read (aria-label, placeholder, title, alt, label,
 * heading), and string literals that start like an English sentence or label ("Approve", "Could not…").
 */
const ROOTS = ['src-renderer/attendee', 'src-renderer/console', 'src-renderer/projector', 'src-renderer/ui'];

/** Literals that are not words for people: key names of keyboard events, a command line to type. */
const ALLOWED = new Set(['Escape', 'Enter', 'ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'Tab', 'Home', 'End', 'Backspace', 'Delete', 'open-floor doctor']);

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(full);
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

/** Comments out (they are for engineers), keeping line breaks so line numbers stay right. */
const stripComments = (code: string): string =>
  code.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

function literalStrings(file: string, code: string): string[] {
  const found: string[] = [];
  const clean = stripComments(code);
  const lineOf = (index: number) => clean.slice(0, index).split('\n').length;
  const report = (index: number, text: string) => {
    if (!ALLOWED.has(text.trim())) found.push(`${file}:${lineOf(index)}: ${JSON.stringify(text.trim())}`);
  };
  if (file.endsWith('.tsx')) {
    // JSX text: between a tag's end and the next tag or expression.
    for (const m of clean.matchAll(/(?:(?<![=-])>|\})([^<>{}]*\p{L}[^<>{}]*)(?=<\/?[A-Za-z]|\{)/gu)) {
      const text = m[1] ?? '';
      // TypeScript between generics' angle brackets, not JSX text.
      if (/=>|&&|\|\||[;=`]|\?\s|\b(const|return|if|else|case|default|function|export|import|type|interface|catch)\b|[()]\s*$|^\s*[),]/.test(text)) continue;
      if (/^\s*\p{L}\s*$/u.test(text)) continue; // one letter: a key on the keyboard (<kbd>n</kbd>)
      report(m.index ?? 0, text);
    }
    // Words chosen by a condition inside JSX: {x ? 'over' : 'left'} (class names and data values aside).
    for (const m of clean.matchAll(/(?:\?|:)\s*(['"`])([^'"`\n]*\p{L}[^'"`\n]*)\1(?=\s*(?::|\}|\)))/gu)) {
      const index = m.index ?? 0;
      const line = clean.slice(clean.lastIndexOf('\n', index) + 1, clean.indexOf('\n', index));
      const words = (m[2] ?? '').replace(/\$\{[^}]*\}?/g, '');
      // One lowercase word is a code value far more often than a word for people ('ready', 'single').
      if (!/\p{L}/u.test(words) || /[`'"?(){}]/.test(words) || /^[a-z]+$/.test(words)) continue;
      if (/^[\w$]+[-.][\w.$-]*$/.test(words)) continue; // an id, a key, a class: join-code-error, open-floor.lang
      if (/className|aria-(current|describedby|pressed|expanded)|data-[\w-]+=|\b(type|role|inputMode|autoComplete|kind|status|state|sort|command|theme)\b\s*[=:(]/.test(line)) continue;
      report(index, m[2] ?? '');
    }
    // String attributes people read.
    for (const m of clean.matchAll(/\b(aria-label|placeholder|title|alt|label|heading|aria-description)="([^"]*\p{L}[^"]*)"/gu)) {
      report(m.index ?? 0, m[2] ?? '');
    }
  }
  // Literals that read like English words for people: "Approve", 'Could not join', `Download ${x}`.
  for (const m of clean.matchAll(/(['"`])([A-Z][a-z]+(?:[\s,.:;!?…’-][^'"`\n]*)?)\1/g)) {
    const before = clean.slice(Math.max(0, (m.index ?? 0) - 40), m.index ?? 0);
    if (/\b(import|from)\s*$/.test(before)) continue;
    report(m.index ?? 0, m[2] ?? '');
  }
  return [...new Set(found)];
}

describe('the UI has no literal strings for people', () => {
  it('finds a literal in JSX text, an attribute and a label literal (the scanner works)', () => {
    const sample = `export const A = () => (<div aria-label="Sort questions"><p>Hello there</p><b>{t('x.y')}</b>{ok ? 'Approve' : null}{open ? ' · sign-up closed' : ''}<li>{n} phones</li></div>);`;
    expect(literalStrings('x.tsx', sample)).toEqual([
      'x.tsx:1: "Hello there"',
      'x.tsx:1: "phones"',
      'x.tsx:1: "Approve"',
      'x.tsx:1: "· sign-up closed"',
      'x.tsx:1: "Sort questions"',
    ]);
    expect(literalStrings('x.tsx', `const a = <p className="x">{t('phone.join')}</p>; if (e.key === 'Escape') {}`)).toEqual([]);
  });

  it('every UI source file reads its words from the catalogs', () => {
    const found: string[] = [];
    for (const root of ROOTS) {
      for (const file of sources(root)) found.push(...literalStrings(relative('.', file), readFileSync(file, 'utf8')));
    }
    expect(found.join('\n'), 'literal strings in the UI (put them in src-shared/i18n/en.ts and es.ts)').toBe('');
  });
});
