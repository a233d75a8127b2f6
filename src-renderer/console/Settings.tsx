import type { DeskView } from '../../src-shared/docs/desk-doc';
import { control, run } from './control';
import { t } from '../ui/i18n';
import { PaperCodes } from './PaperCodes';
import { PhonesPerAddress } from './PhonesPerAddress';
import { choiceLabel, interfaceKind } from './venue-words';

/** Which address goes into the QR, and whether questions wait for approval. */
export function Settings({ view }: { view: DeskView }) {
  const { host, session } = view;
  const selected = host?.choices?.find((c) => c.address === host.joinAddress);
  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('console.settings')}</h2>
      {host ? (
        <div className="stack">
          <label htmlFor="join-address">{t('console.qrAddress')}</label>
          <select
            id="join-address"
            value={host.joinAddress}
            onChange={(e) => void run(() => control.setJoinAddress({ address: e.target.value }))}
          >
            {host.addresses.includes(host.joinAddress) ? null : <option value={host.joinAddress}>{host.joinAddress}</option>}
            {host.addresses.map((a) => {
              const choice = host.choices?.find((c) => c.address === a);
              return (
                <option key={a} value={a}>
                  {choice ? choiceLabel(choice) : a}
                </option>
              );
            })}
          </select>
          {selected ? (
            <p className="muted" data-testid="join-address-kind">
              {selected.interface}, {interfaceKind(selected.kind)}
              {selected.defaultRoute ? t('console.defaultRoute') : ''}
            </p>
          ) : null}
          {host.ipv6Only ? <p className="venue-warn">{t('console.ipv6Only')}</p> : null}
        </div>
      ) : null}
      {session ? (
        <label className="check">
          <input
            type="checkbox"
            checked={session.premoderation}
            onChange={(e) => void run(() => control.setPremoderation({ on: e.target.checked }))}
          />
          {t('console.premoderation')}
        </label>
      ) : null}
      {session ? <PhonesPerAddress /> : null}
      {session && session.status !== 'closed' ? <PaperCodes codes={session.paperCodes} /> : null}
    </section>
  );
}
