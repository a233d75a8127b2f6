import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import '../ui/poll-chart.css';
import './attendee.css';
import { App } from './App';
import { codeFromPath, isValidCode, paperCodeFromSearch } from './join';
import { joinEarly } from './join-api';
import { registerOfflineCopy } from './offline-copy';
import { initI18n, useLocale } from '../ui/i18n';
import * as en from '../../src-shared/i18n/en';
import * as es from '../../src-shared/i18n/es';

// A join link: the join request leaves now, while the app renders. The live room's code (Yjs, the
// transports) is fetched by the room screen after the question form is on screen, so it never competes
// with the form for the phone's CPU; WebRTC's code only when the WebSocket does not work.
// The phone's language before anything renders (the tiny formatter: i18next would double the first
// download, see docs/ARCHITECTURE.md "Languages").
initI18n({ catalogs: { en: { common: en.common, phone: en.phone }, es: { common: es.common, phone: es.phone } }, storageKey: 'open-floor.lang' });

const code = codeFromPath(location.pathname);
if (code !== null && isValidCode(code)) joinEarly(code, paperCodeFromSearch(location.search));
else window.addEventListener('load', registerOfflineCopy, { once: true });

const root = document.getElementById('root');
if (root) createRoot(root).render(<Localised />);

function Localised() {
  useLocale();
  return <App />;
}
