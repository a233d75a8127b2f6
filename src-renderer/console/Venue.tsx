import { useEffect } from 'react';
import { create } from 'zustand';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { TOKEN_QUERY } from '../../src-shared/endpoints';
import {
  ADVICE,
  adviceFor,
  DIAGNOSIS_TEXT,
  duration,
  HANDOUT_PATH,
  INTERFACE_KIND_LABEL,
  type Advice,
  type VenueStatus,
} from '../../src-shared/venue';
import { QrImage } from '../ui/QrImage';
import { pageToken } from '../ui/token';
import { control } from './control';

/**
 * Venue readiness in the console: "Test with your phone", the printable handout, transport health, the
 * "nobody can join" alert and the "Help at the venue" page. The facts come from the host's `venueStatus`
 * command, asked every POLL_MS while the console is open (loopback only, a few hundred bytes).
 */

const POLL_MS = 1000;

interface VenueUi {
  status: VenueStatus | null;
  helpOpen: boolean;
  setStatus: (status: VenueStatus | null) => void;
  setHelpOpen: (open: boolean) => void;
}

export const useVenue = create<VenueUi>()((set) => ({
  status: null,
  helpOpen: false,
  setStatus: (status) => set({ status }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
}));

/** Keeps `useVenue().status` current; call once, in the console's root. */
export function useVenuePolling(): void {
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      const r = await control.venueStatus({});
      if (!live) return;
      if (r.ok) useVenue.getState().setStatus(r.value);
      timer = setTimeout(() => void tick(), POLL_MS);
    };
    void tick();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, []);
}

const clock = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function PhoneTest({ status }: { status: VenueStatus }) {
  const test = status.tests[0];
  const choice = status.choices.find((c) => c.address === status.joinAddress);
  return (
    <div className="stack" data-testid="phone-test">
      <h3 className="venue-h3">Test with your phone</h3>
      <p className="muted">Before the room arrives, scan this with your own phone on the venue Wi-Fi.</p>
      <QrImage url={status.testUrl} className="qr qr-small" alt="Phone test QR code" />
      <p className="join-url" data-testid="test-url">
        {status.testUrl}
      </p>
      {choice && (choice.kind === 'vpn' || choice.kind === 'virtual' || choice.kind === 'loopback') ? (
        <p className="venue-warn">
          The address in the QR is on {choice.interface} ({INTERFACE_KIND_LABEL[choice.kind]}): phones probably cannot reach it. Pick
          another under “Address in the QR”.
        </p>
      ) : null}
      <p role="status" data-reached={test ? 'yes' : 'no'} className={test ? 'venue-ok' : 'muted'}>
        {test
          ? `A phone reached this laptop over ${test.address} ✓ (${clock(test.at)})`
          : 'No phone has opened the test page yet.'}
      </p>
      <p className={status.webrtcSeenAt === null ? 'muted' : 'venue-ok'} data-testid="webrtc-seen">
        {status.webrtcSeenAt === null
          ? 'WebRTC: no phone has connected over it yet (join the session with your phone to try it; phones also work without it).'
          : `WebRTC works here: a phone connected over it ✓ (${clock(status.webrtcSeenAt)})`}
      </p>
    </div>
  );
}

function Health({ status }: { status: VenueStatus }) {
  const h = status.health;
  return (
    <p className="muted" data-testid="transport-health">
      Phones connected: {h.websocket} over WebSocket, {h.webrtc} over WebRTC. Reconnects in the last minute: {h.reconnectsLastMinute}.
      Slowest answer in the last minute: {h.slowestReceiptMs === null ? 'none asked' : `${(h.slowestReceiptMs / 1000).toFixed(h.slowestReceiptMs < 10_000 ? 2 : 0)} s`}.
    </p>
  );
}

/** The side panel: test, handout, health, and the way to the help page. */
export function VenuePanel({ view }: { view: DeskView }) {
  const status = useVenue((s) => s.status);
  const setHelpOpen = useVenue((s) => s.setHelpOpen);
  const session = view.session;
  return (
    <section className="panel venue" aria-labelledby="venue-heading">
      <h2 id="venue-heading">Venue</h2>
      {status === null ? (
        <p className="muted">Checking the network…</p>
      ) : (
        <>
          {status.ipv6Only ? <p className="venue-warn">{ADVICE.ipv6.text}</p> : null}
          <PhoneTest status={status} />
          {session?.status === 'open' ? <Health status={status} /> : null}
        </>
      )}
      <div className="venue-actions">
        {session && session.status !== 'closed' ? (
          <a className="button" href={`${HANDOUT_PATH}?${TOKEN_QUERY}=${encodeURIComponent(pageToken())}`} download>
            Print the handout (PDF)
          </a>
        ) : null}
        <button type="button" onClick={() => setHelpOpen(true)}>
          Help at the venue
        </button>
      </div>
    </section>
  );
}

/** The LAN port, from the test URL, so the Linux firewall step names the real one. */
const portOf = (status: VenueStatus | null) => (status ? new URL(status.testUrl).port : '4321');

function AdviceList({ items, port }: { items: Advice[]; port: string }) {
  return (
    <ol className="advice">
      {items.map((a) => (
        <li key={a.id} data-advice={a.id}>
          <strong>{a.title}.</strong> {a.text}
          {a.steps ? (
            <ul>
              {a.steps.map((s) => (
                <li key={s}>{s.replace('4321', port)}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** Shown at the top of the console when the session is open and phones do not arrive. */
export function NobodyCanJoin() {
  const status = useVenue((s) => s.status);
  const setHelpOpen = useVenue((s) => s.setHelpOpen);
  if (!status || (status.diagnosis !== 'nobody' && status.diagnosis !== 'no-sync')) return null;
  const choice = status.choices.find((c) => c.address === status.joinAddress);
  return (
    <section className="panel venue-alert" role="alert" aria-labelledby="nobody-heading" data-diagnosis={status.diagnosis}>
      <h2 id="nobody-heading">{status.diagnosis === 'nobody' ? 'Nobody can join?' : 'Phones cannot stay connected?'}</h2>
      <p>
        {status.diagnosis === 'nobody'
          ? `The session has been open for ${duration(status.nobodyTimeoutMs)} and no phone has reached this laptop. Phones probably cannot reach it over this network.`
          : DIAGNOSIS_TEXT['no-sync']}{' '}
        The QR points to {status.joinAddress}
        {choice ? ` (${choice.interface}, ${INTERFACE_KIND_LABEL[choice.kind]})` : ''}. Try, in this order:
      </p>
      <AdviceList items={adviceFor(status.diagnosis, choice, status.ipv6Only)} port={portOf(status)} />
      <button type="button" onClick={() => setHelpOpen(true)}>
        Help at the venue
      </button>
    </section>
  );
}

/** The "Help at the venue" page: everything that stops phones joining, and what to do. */
export function VenueHelp() {
  const setHelpOpen = useVenue((s) => s.setHelpOpen);
  const status = useVenue((s) => s.status);
  return (
    <main className="panel narrow venue-help" aria-labelledby="venue-help-heading">
      <h1 id="venue-help-heading">Help at the venue</h1>
      <p>
        Phones join over the venue’s own network: they must reach this laptop at the address in the QR. Test it before the room
        arrives with “Test with your phone”. If the test page does not open on your phone, one of these is the reason:
      </p>
      <AdviceList items={[ADVICE.firewall, ADVICE.address, ADVICE.isolation, ADVICE.vpn, ADVICE.websocket, ADVICE.ipv6]} port={portOf(status)} />
      {status ? (
        <>
          <h2>This laptop’s addresses</h2>
          <ul>
            {status.choices.map((c) => (
              <li key={c.address}>
                {c.address} — {c.interface}, {INTERFACE_KIND_LABEL[c.kind]}
                {c.defaultRoute ? ', default route' : ''}
                {c.address === status.joinAddress ? ' (in the QR)' : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        On the command line, <code>open-floor doctor</code> checks the port, the addresses, the data folder and the firewall.
      </p>
      <button type="button" className="primary" onClick={() => setHelpOpen(false)}>
        Back to the console
      </button>
    </main>
  );
}
