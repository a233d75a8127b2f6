import { PDFParse } from 'pdf-parse';
import { expect } from 'vitest';
import { TOKEN_QUERY } from '../../src-shared/endpoints';
import { PAPER_CODES_PATH } from '../../src-shared/features/paper-codes/format';
import type { TestHost } from './host-harness';

/** The slips' text and the codes on them, as a clerk printing them would see. */
export async function printed(h: TestHost, query = ''): Promise<{ status: number; text: string; codes: string[]; pages: number }> {
  const res = await fetch(`${h.host.loopbackOrigin}${PAPER_CODES_PATH}?${TOKEN_QUERY}=${h.host.token}${query}`);
  if (res.status !== 200) return { status: res.status, text: await res.text(), codes: [], pages: 0 };
  expect(res.headers.get('content-type')).toBe('application/pdf');
  const parser = new PDFParse({ data: new Uint8Array(await res.arrayBuffer()) });
  const { text, total } = await parser.getText();
  await parser.destroy();
  return { status: 200, text, codes: [...text.matchAll(/\b([2-9A-Z]{4}-[2-9A-Z]{4})\b/g)].map((m) => m[1]!), pages: total };
}
