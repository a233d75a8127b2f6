import { useEffect, useRef, useState } from 'react';
import { create } from 'zustand';
import type { DeskView } from '../../src-shared/docs/desk-doc';
import { TOKEN_QUERY } from '../../src-shared/endpoints';
import {
  ADVICE,
  adviceFor,
  duration,
  HANDOUT_PATH,
  type Advice,
  type RelayHealth,
  type VenueStatus,
} from '../../src-shared/venue';
import { QrImage } from '../ui/QrImage';
import { pageToken } from '../ui/token';
import { control, run } from './control';
import { intlLocale, t } from '../ui/i18n';
import { adviceWords, interfaceKind } from './venue-words';

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

const clock = (at: number) => new Date(at).toLocaleTimeString(intlLocale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function PhoneTest({ status }: { status: VenueStatus }) {
  const test = status.tests[0];
  const choice = status.choices.find((c) => c.address === status.joinAddress);
  return (
    <div className="stack" data-testid="phone-test">
      <h3 className="venue-h3">{t('console.testWithPhone')}</h3>
      <p className="muted">{t('console.testIntro')}</p>
      <QrImage url={status.testUrl} className="qr qr-small" alt={t('console.testQrAlt')} />
      <p className="join-url" data-testid="test-url">
        {status.testUrl}
      </p>
      {choice && (choice.kind === 'vpn' || choice.kind === 'virtual' || choice.kind === 'loopback') ? (
        <p className="venue-warn">
          {t('console.badAddress', { iface: choice.interface, kind: interfaceKind(choice.kind) })}
        </p>
      ) : null}
      <p role="status" data-reached={test ? 'yes' : 'no'} className={test ? 'venue-ok' : 'muted'}>
        {test
          ? t('console.phoneReached', { address: test.address, time: clock(test.at) })
          : t('console.noPhoneYet')}
      </p>
      <p className={status.webrtcSeenAt === null ? 'muted' : 'venue-ok'} data-testid="webrtc-seen">
        {status.webrtcSeenAt === null
          ? t('console.webrtcNone')
          : t('console.webrtcWorks', { time: clock(status.webrtcSeenAt) })}
      </p>
    </div>
  );
}

/**
 * Remote attendees (issue 20): the switch, the link to the relay (up or down, since when, how often it went
 * down), phones in the room and remote, and the remote join link with its QR while remote attendees are on.
 */
function RemoteAttendees({ relay: r, session }: { relay: RelayHealth; session: DeskView['session'] }) {
  const words = { url: r.url, time: clock(r.since) };
  return (
    <div className="stack remote" role="group" aria-labelledby="remote-heading" data-testid="remote-attendees">
      <h3 className="venue-h3" id="remote-heading">
        {t('console.remoteHeading')}
      </h3>
      {session && session.status !== 'closed' ? (
        <label className="check">
          <input
            type="checkbox"
            role="switch"
            checked={r.remoteAttendees}
            onChange={(e) => {
              const open = e.target.checked;
              void run(() => control.setRemoteAttendees({ open })).then(async (done) => {
                if (!done.ok) return;
                const s = await control.venueStatus({});
                if (s.ok) useVenue.getState().setStatus(s.value);
              });
            }}
          />
          {t('console.remoteSwitch')}
        </label>
      ) : null}
      {r.remoteAttendees ? null : <p className="venue-warn">{t('console.remoteOffNote')}</p>}
      <p className={r.connected ? 'muted' : 'storage-problem'} data-testid="relay-health" data-connected={r.connected ? 'yes' : 'no'}>
        {r.connected ? t('console.relayUpSince', words) : t('console.relayDownSince', words)}
        {r.drops > 0 ? ` ${t('console.relayDrops', { count: r.drops })}` : ''}
      </p>
      <p className="muted" data-testid="remote-phones">
        {t('console.remotePhones', { inRoom: r.inRoomPhones, remote: r.remotePhones })}
      </p>
      {r.joinLink ? <RemoteLink link={r.joinLink} /> : null}
    </div>
  );
}

/** The remote join link, its QR and a copy button (for the meeting notice, the website, the stream). */
function RemoteLink({ link }: { link: string }) {
  const [said, setSaid] = useState<string | null>(null);
  const text = useRef<HTMLParagraphElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setSaid(t('console.linkCopied'));
    } catch {
      // No clipboard permission (or none at all): the link is selected for the keyboard's copy.
      if (text.current) window.getSelection()?.selectAllChildren(text.current);
      setSaid(t('console.copyByHand'));
    }
  };
  return (
    <div className="stack remote-link" role="group" aria-labelledby="remote-link-label">
      <p className="remote-link-label" id="remote-link-label">
        {t('console.remoteLink')}
      </p>
      <p className="muted">{t('console.remoteLinkHelp')}</p>
      <QrImage url={link} className="qr qr-small" alt={t('console.remoteQrAlt')} />
      <p className="join-url" ref={text} data-testid="remote-link">
        {link}
      </p>
      <div className="remote-link-row">
        <button type="button" onClick={() => void copy()}>
          {t('console.copyLink')}
        </button>
        <span className="muted" role="status">
          {said ?? ''}
        </span>
      </div>
    </div>
  );
}

function Health({ status }: { status: VenueStatus }) {
  const h = status.health;
  return (
    <p className="muted" data-testid="transport-health">
      {t('console.health', {
        ws: h.websocket,
        rtc: h.webrtc,
        reconnects: h.reconnectsLastMinute,
        slowest:
          h.slowestReceiptMs === null
            ? t('console.noneAsked')
            : t('console.seconds', {
                s: new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: h.slowestReceiptMs < 10_000 ? 2 : 0, minimumFractionDigits: h.slowestReceiptMs < 10_000 ? 2 : 0 }).format(h.slowestReceiptMs / 1000),
              }),
      })}
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
      <h2 id="venue-heading">{t('console.venue')}</h2>
      {status === null ? (
        <p className="muted">{t('console.checkingNetwork')}</p>
      ) : (
        <>
          {status.ipv6Only ? <p className="venue-warn">{t('console.ipv6Only')}</p> : null}
          <PhoneTest status={status} />
          {session?.status === 'open' ? <Health status={status} /> : null}
          {status.relay ? <RemoteAttendees relay={status.relay} session={session} /> : null}
        </>
      )}
      <div className="venue-actions">
        {session && session.status !== 'closed' ? (
          <a className="button" href={`${HANDOUT_PATH}?${TOKEN_QUERY}=${encodeURIComponent(pageToken())}`} download>
            {t('console.printHandout')}
          </a>
        ) : null}
        <button type="button" onClick={() => setHelpOpen(true)}>
          {t('console.venueHelp')}
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
      {items.map((advice) => {
        const a = adviceWords(advice, port);
        return (
          <li key={a.id} data-advice={a.id}>
            <strong>{a.title}.</strong> {a.text}
            {a.steps.length > 0 ? (
              <ul>
                {a.steps.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
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
      <h2 id="nobody-heading">{status.diagnosis === 'nobody' ? t('console.nobodyJoins') : t('console.cannotStay')}</h2>
      <p>
        {status.diagnosis === 'nobody'
          ? t('console.nobodyText', { duration: duration(status.nobodyTimeoutMs) })
          : t('console.noSync')}{' '}
        {t('console.qrPoints', { address: status.joinAddress, detail: choice ? ` (${choice.interface}, ${interfaceKind(choice.kind)})` : '' })}
      </p>
      <AdviceList items={adviceFor(status.diagnosis, choice, status.ipv6Only)} port={portOf(status)} />
      <button type="button" onClick={() => setHelpOpen(true)}>
        {t('console.venueHelp')}
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
      <h1 id="venue-help-heading">{t('console.venueHelp')}</h1>
      <p>
        {t('console.helpIntro')}
      </p>
      <AdviceList items={[ADVICE.firewall, ADVICE.address, ADVICE.isolation, ADVICE.vpn, ADVICE.websocket, ADVICE.ipv6]} port={portOf(status)} />
      {status ? (
        <>
          <h2>{t('console.laptopAddresses')}</h2>
          <ul>
            {status.choices.map((c) => (
              <li key={c.address}>
                {c.address} — {c.interface}, {interfaceKind(c.kind)}
                {c.defaultRoute ? t('console.defaultRoute') : ''}
                {c.address === status.joinAddress ? t('console.inTheQr') : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        {t('console.doctorBefore')} <code>open-floor doctor</code> {t('console.doctorAfter')}
      </p>
      <button type="button" className="primary" onClick={() => setHelpOpen(false)}>
        {t('console.backToConsole')}
      </button>
    </main>
  );
}
