import { createRoot } from 'react-dom/client';
import { BOARD_DOC_NAME } from '../../src-shared/docs/room-doc';
import '../ui/base.css';
import '../ui/poll-chart.css';
import { connectReadOnly } from '../ui/read-only-doc';
import { pageToken } from '../ui/token';
import { App } from './App';
import './projector.css';

const board = connectReadOnly(BOARD_DOC_NAME, pageToken());
const root = document.getElementById('root');
if (root) createRoot(root).render(<App board={board} />);
