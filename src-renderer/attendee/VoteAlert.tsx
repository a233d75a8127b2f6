import { useEffect, useState } from 'react';
import type { VoteRejection } from './phone-view';
import { t } from '../ui/i18n';
import { reasonText } from './reason';

const SHOW_MS = 6000;

/** A refused vote from this page, shown briefly with the host's reason. */
export function VoteAlert({ rejections, sentHere }: { rejections: VoteRejection[]; sentHere: ReadonlySet<string> }) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const latest = [...rejections].reverse().find((r) => sentHere.has(r.requestId) && !dismissed.has(r.requestId));

  useEffect(() => {
    if (!latest) return;
    const id = latest.requestId;
    const timer = window.setTimeout(() => setDismissed((d) => new Set(d).add(id)), SHOW_MS);
    return () => window.clearTimeout(timer);
  }, [latest]);

  return (
    <p role="alert" className={latest ? 'alert' : 'alert-idle'}>
      {latest ? t('phone.voteRefused', { reason: reasonText(latest.reason) }) : ''}
    </p>
  );
}
