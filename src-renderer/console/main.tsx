import { createRoot } from 'react-dom/client';
import { DESK_DOC_NAME } from '../../src-shared/docs/room-doc';
import '../ui/base.css';
import '../ui/poll-chart.css';
import { connectReadOnly } from '../ui/read-only-doc';
import { pageToken } from '../ui/token';
import { App } from './App';
import './console.css';
import { setDeskDoc } from './moderation-ui';
import { listenToShellCommands } from './shell-commands';
import { useEffect } from 'react';
import { initI18n, t, useLocale } from '../ui/i18n';
import { i18nextEngine } from '../ui/i18next-engine';
import * as en from '../../src-shared/i18n/en';
import * as es from '../../src-shared/i18n/es';

// The console's language: remembered on this laptop, the browser's otherwise (English by default).
initI18n({ catalogs: { en: { common: en.common, console: en.console }, es: { common: es.common, console: es.console } }, storageKey: 'open-floor.console-lang', engine: i18nextEngine });

const desk = connectReadOnly(DESK_DOC_NAME, pageToken());
setDeskDoc(desk.doc);
const root = document.getElementById('root');
if (root) createRoot(root).render(<Localised />);

function Localised() {
  const locale = useLocale();
  useEffect(() => {
    document.title = t('console.pageTitle');
  }, [locale]);
  return <App desk={desk} />;
}
listenToShellCommands();
