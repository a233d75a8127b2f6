import { createHmac } from 'node:crypto';
import { normalisePaperCode, PAPER_CODE_ALPHABET, PAPER_CODE_LENGTH } from '../../../../src-shared/features/paper-codes/format.js';

/**
 * The codes printed for a session. Code No. n is derived from the session's secret (HMAC-SHA256), so the
 * host stores no list of codes: the log says how many exist and which device each one let in, and the
 * secret (in the data folder, never sent to a phone) makes them again. A code cannot be guessed from
 * another one.
 */
export function paperCode(secret: string, n: number): string {
  const digest = createHmac('sha256', secret).update(`paper-code:${n}`).digest();
  // 48 bits to base 31: 31⁸ is 0.3 % of 2⁴⁸, so every code is (as good as) equally likely.
  let value = digest.readUIntBE(0, 6);
  let code = '';
  for (let i = 0; i < PAPER_CODE_LENGTH; i++) {
    code += PAPER_CODE_ALPHABET[value % PAPER_CODE_ALPHABET.length];
    value = Math.floor(value / PAPER_CODE_ALPHABET.length);
  }
  return code;
}

/** Finds the number of a typed code among a session's printed ones (codes are made once per print). */
export class PaperCodeBook {
  private readonly numbers = new Map<string, number>();

  constructor(private readonly secret: string) {}

  /** The code's number (1 … issued), or null if it is not one of the `issued` codes. */
  numberOf(typed: string, issued: number): number | null {
    for (let n = this.numbers.size + 1; n <= issued; n++) this.numbers.set(paperCode(this.secret, n), n);
    const n = this.numbers.get(normalisePaperCode(typed));
    return n !== undefined && n <= issued ? n : null;
  }

  /** Codes No. `first` to `last`, as printed. */
  codes(first: number, last: number): Array<{ number: number; code: string }> {
    const out: Array<{ number: number; code: string }> = [];
    for (let n = first; n <= last; n++) out.push({ number: n, code: paperCode(this.secret, n) });
    return out;
  }
}
