import type { ConnectionStatus } from '../ui/connection';

/** Always visible: whether what you send reaches the laptop now. */
export function ConnectionBanner({ status, pending }: { status: ConnectionStatus; pending: number }) {
  const online = status === 'online';
  return (
    <p role="status" className={online ? 'conn conn-online' : 'conn conn-offline'}>
      <span className="conn-dot" aria-hidden="true" />
      {online ? 'Connected' : status === 'connecting' ? 'Connecting to the meeting…' : 'Offline — your questions will be sent when you reconnect'}
      {!online && pending > 0 ? <span className="conn-pending"> ({pending} not sent yet)</span> : null}
    </p>
  );
}
