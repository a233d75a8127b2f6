import { createRoot } from 'react-dom/client';
import { BOARD_DOC_NAME } from '../../src-shared/docs/room-doc';
import '../ui/base.css';
import '../ui/poll-chart.css';
import { connectReadOnly } from '../ui/read-only-doc';
import { pageToken } from '../ui/token';
import { App } from './App';
import './projector.css';
import { useEffect } from 'react';
import { initI18n, t, useLocale } from '../ui/i18n';
import { i18nextEngine } from '../ui/i18next-engine';
import * as en from '../../src-shared/i18n/en';
import * as es from '../../src-shared/i18n/es';

initI18n({ catalogs: { en: { common: en.common, projector: en.projector }, es: { common: es.common, projector: es.projector } }, engine: i18nextEngine });

const board = connectReadOnly(BOARD_DOC_NAME, pageToken());
const root = document.getElementById('root');
if (root) createRoot(root).render(<Localised />);

function Localised() {
  const locale = useLocale();
  useEffect(() => {
    document.title = t('projector.pageTitle');
  }, [locale]);
  return <App board={board} />;
}
