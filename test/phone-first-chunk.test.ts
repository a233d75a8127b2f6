import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * What a phone downloads before the question form is usable is the page and its entry chunk (issue 11:
 * ≤ 60 KB in all). The entry must not pull in what can come later: Yjs and the room's code come with the
 * live room's chunk, zod never reaches the phone's first chunk (validation is the host's job). A card
 * that imports the room document, or a module that imports zod, silently moved 45 KB into it once.
 */
const ASSETS = join(__dirname, '..', 'out', 'attendee');

function entryChunk(): { name: string; code: string; brotliBytes: number } {
  const html = readFileSync(join(ASSETS, 'index.html'), 'utf8');
  const src = /<script[^>]+src="\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error('no entry script in the built phone page (run npm run build)');
  return {
    name: src,
    code: readFileSync(join(ASSETS, src), 'utf8'),
    brotliBytes: readFileSync(join(ASSETS, `${src}.br`)).length,
  };
}

describe('the phone app’s first chunk', () => {
  it('carries neither zod nor Yjs, and stays small as served (brotli)', () => {
    const entry = entryChunk();
    expect(entry.code).not.toContain('ZodError');
    // Yjs's own error text for a document it cannot read; present whenever Yjs is bundled.
    expect(entry.code).not.toContain('Unexpected content type');
    expect(entry.brotliBytes).toBeLessThan(30 * 1024);
  });
});
