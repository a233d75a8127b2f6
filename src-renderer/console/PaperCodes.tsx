import { useState } from 'react';
import { TOKEN_QUERY } from '../../src-shared/endpoints';
import { PAPER_CODES_PATH } from '../../src-shared/features/paper-codes/format';
import type { DeskPaperCodes } from '../../src-shared/features/paper-codes/fold';
import { LIMITS } from '../../src-shared/limits';
import { control, run } from './control';
import { t } from '../ui/i18n';
import { pageToken } from '../ui/token';

function slipsHref(range?: { first: number; last: number }): string {
  const query = new URLSearchParams({ [TOKEN_QUERY]: pageToken() });
  if (range) for (const [key, n] of Object.entries(range)) query.set(key, String(n));
  return `${PAPER_CODES_PATH}?${query.toString()}`;
}

/**
 * Single-use paper codes (issue 9): make codes and print them as slips, then require one to join. The
 * counts come from the desk (the log's fold), so they are the same after a restart.
 */
export function PaperCodes({ codes }: { codes: DeskPaperCodes }) {
  const [count, setCount] = useState('50');
  const [made, setMade] = useState<{ first: number; last: number } | null>(null);

  const make = async () => {
    const r = await run(() => control.issuePaperCodes({ count: Number(count) }));
    if (r.ok) setMade(r.value);
  };
  return (
    <fieldset className="stack paper-codes">
      <legend>{t('console.paperCodes')}</legend>
      <p className="muted">{t('console.paperCodesHelp')}</p>
      {/* Two facts, two lines: run together they read "used: 0 4 phones joined…". */}
      <div role="status">
        <p>{codes.issued === 0 ? t('console.paperCodesNone') : t('console.paperCodesCount', { issued: codes.issued, used: codes.used })}</p>
        {codes.required && codes.joinedWithout > 0 ? <p>{t('console.paperCodesWithout', { count: codes.joinedWithout })}</p> : null}
      </div>
      <label htmlFor="paper-code-count">{t('console.paperCodesHowMany')}</label>
      <div className="paper-codes-make">
        <input
          id="paper-code-count"
          type="number"
          min={1}
          max={LIMITS.paperCodesPerPrint}
          inputMode="numeric"
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
        <button type="button" onClick={() => void make()}>
          {t('console.paperCodesMake')}
        </button>
      </div>
      {made ? (
        <a className="button" href={slipsHref(made)} download>
          {t('console.paperCodesReady', { first: made.first, last: made.last })}
        </a>
      ) : null}
      {codes.issued > 0 ? (
        <a href={slipsHref()} download>
          {t('console.paperCodesAll')}
        </a>
      ) : null}
      <label className="check">
        <input type="checkbox" checked={codes.required} onChange={(e) => void run(() => control.requirePaperCodes({ on: e.target.checked }))} />
        {t('console.paperCodesRequired')}
      </label>
    </fieldset>
  );
}
