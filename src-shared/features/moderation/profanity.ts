import en from './words/en.json';
import es from './words/es.json';
import { foldWord, wordsOf } from './words.js';

export { foldWord, markHeld } from './words.js';

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
