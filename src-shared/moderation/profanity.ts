import en from './words/en.json';
import es from './words/es.json';

/**
 * The profanity filter: which words of a text (or a name) are on a list. A match is never a reason to
 * drop anything; the authority holds the question for a moderator (`question.asked` with `held`).
 *
 * Words are compared after folding case, accents and the usual letter-for-digit swaps, one whole word at
 * a time (so "class" never matches "ass"); a list entry ending in `*` matches every word that starts
 * with it ("fuck*" matches "fucking"). The shipped lists are data files, `words/en.json` and
 * `words/es.json`; the facilitator's own words (kept in the data folder) are added to them.
 */

export const BUILT_IN_LISTS: Readonly<Record<string, readonly string[]>> = { en: en.words, es: es.words };

const SWAPS: Readonly<Record<string, string>> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's' };

/** A word as the filter compares it: lower case, no accents, digits read as the letters they stand for. */
export function foldWord(word: string): string {
  return word
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[013457@$]/g, (c) => SWAPS[c] ?? c);
}

/** The words of a text, with where each starts (letters, digits and the swapped symbols; `'` inside). */
export function wordsOf(text: string): { word: string; index: number }[] {
  const out: { word: string; index: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}@$]+(?:['’][\p{L}\p{M}]+)*/gu)) out.push({ word: m[0], index: m.index });
  return out;
}

export interface WordMatcher {
  /** The words of `text` that are on the lists, as typed, each once, in order of appearance. */
  matches(text: string): string[];
}

/** A matcher over the shipped lists (all languages) plus `extra` (the facilitator's words). */
export function createMatcher(extra: readonly string[] = [], lists: readonly (readonly string[])[] = Object.values(BUILT_IN_LISTS)): WordMatcher {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const entry of [...lists.flat(), ...extra]) {
    const trimmed = entry.trim();
    if (trimmed.length === 0) continue;
    if (trimmed.endsWith('*')) {
      const stem = foldWord(trimmed.slice(0, -1));
      if (stem.length > 0) prefixes.push(stem);
    } else exact.add(foldWord(trimmed));
  }
  const onList = (word: string): boolean => {
    const folded = foldWord(word);
    return exact.has(folded) || prefixes.some((p) => folded.startsWith(p));
  };
  return {
    matches(text) {
      const found: string[] = [];
      for (const { word } of wordsOf(text)) if (onList(word) && !found.includes(word)) found.push(word);
      return found;
    },
  };
}

/** Splits a text into runs, marking the words in `held` (as the console shows a held question). */
export function markHeld(text: string, held: readonly string[]): { text: string; held: boolean }[] {
  if (held.length === 0) return [{ text, held: false }];
  const wanted = new Set(held.map(foldWord));
  const runs: { text: string; held: boolean }[] = [];
  let at = 0;
  for (const { word, index } of wordsOf(text)) {
    if (!wanted.has(foldWord(word))) continue;
    if (index > at) runs.push({ text: text.slice(at, index), held: false });
    runs.push({ text: word, held: true });
    at = index + word.length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), held: false });
  return runs;
}

const matcherCache = new Map<string, WordMatcher>();

/** The matcher for a set of extra words, built once per distinct list (the authority calls it per ask). */
export function matcherFor(extra: readonly string[]): WordMatcher {
  const key = extra.join('\n');
  let m = matcherCache.get(key);
  if (!m) {
    if (matcherCache.size > 20) matcherCache.clear();
    m = createMatcher(extra);
    matcherCache.set(key, m);
  }
  return m;
}
