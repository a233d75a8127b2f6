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

const desk = connectReadOnly(DESK_DOC_NAME, pageToken());
setDeskDoc(desk.doc);
const root = document.getElementById('root');
if (root) createRoot(root).render(<App desk={desk} />);
listenToShellCommands();
