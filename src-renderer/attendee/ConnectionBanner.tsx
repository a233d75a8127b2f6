import type { ConnectionStatus } from '../ui/connection';
import { t } from '../ui/i18n';

/** Always visible: whether what you send reaches the laptop now. */
export function ConnectionBanner({ status, pending }: { status: ConnectionStatus; pending: number }) {
  const online = status === 'online';
  return (
    <p role="status" className={online ? 'conn conn-online' : 'conn conn-offline'}>
      <span className="conn-dot" aria-hidden="true" />
      {online ? t('phone.connected') : status === 'connecting' ? t('phone.connecting') : t('phone.offline')}
      {!online && pending > 0 ? <span className="conn-pending">{t('phone.notSentYet', { count: pending })}</span> : null}
    </p>
  );
}
