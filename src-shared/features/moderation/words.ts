/**
 * How the profanity filter reads words, without the word lists (so the console can mark matched words
 * without bundling the lists).
 */

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
