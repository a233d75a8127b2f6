import { useEffect, useState } from 'react';
import type { ControlOutputs } from '../../src-shared/control';
import { control, run } from './control';
import { t } from '../ui/i18n';

type Policy = ControlOutputs['phonesPerAddress'];

/** How often the list of addresses with several phones is read again. */
const REFRESH_MS = 5_000;

/**
 * New phones per network address (venues where everybody shares one address behind NAT raise it), and the
 * addresses that have several phones in this session.
 */
export function PhonesPerAddress() {
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [draft, setDraft] = useState('');

  useEffect(() => {
    let stopped = false;
    const read = async () => {
      const r = await control.phonesPerAddress({});
      if (!stopped && r.ok) setPolicy(r.value);
    };
    void read();
    const timer = setInterval(() => void read(), REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, []);

  const max = policy?.max;
  useEffect(() => {
    if (max !== undefined) setDraft(String(max));
  }, [max]);

  if (!policy) return null;
  const save = async () => {
    const r = await run(() => control.phonesPerAddress({ max: Number(draft) }));
    if (r.ok) setPolicy(r.value);
  };
  return (
    <div className="stack">
      <label htmlFor="phones-per-address">{t('console.phonesPerAddress')}</label>
      <input
        id="phones-per-address"
        type="number"
        min={1}
        inputMode="numeric"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void (draft !== String(policy.max) && save())}
        onKeyDown={(e) => {
          if (e.key === 'Enter') void save();
        }}
      />
      {policy.crowded.length > 0 ? (
        <ul aria-label={t('console.crowdedAddresses')}>
          {policy.crowded.map((c) => (
            <li key={c.address}>
              {t('console.crowdedAddress', { address: c.address, count: c.phones })}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('console.noCrowding')}</p>
      )}
    </div>
  );
}
