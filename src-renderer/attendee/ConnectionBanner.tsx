import type { ConnectionStatus } from '../ui/connection';
import { t } from '../ui/i18n';

/**
 * Always visible: whether what you send reaches the laptop now. A remote phone that reaches the relay while
 * the laptop is away (the venue's internet dropped) says that, not "offline": its own network is fine.
 */
export function ConnectionBanner({ status, hostAway, pending }: { status: ConnectionStatus; hostAway: boolean; pending: number }) {
  const online = status === 'online';
  return (
    <p role="status" className={online ? 'conn conn-online' : 'conn conn-offline'}>
      <span className="conn-dot" aria-hidden="true" />
      {online ? t('phone.connected') : hostAway ? t('phone.roomLinkDown') : status === 'connecting' ? t('phone.connecting') : t('phone.offline')}
      {!online && pending > 0 ? <span className="conn-pending">{t('phone.notSentYet', { count: pending })}</span> : null}
    </p>
  );
}
