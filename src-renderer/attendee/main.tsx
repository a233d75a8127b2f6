import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import '../ui/poll-chart.css';
import './attendee.css';
import { App } from './App';
import { codeFromPath, isValidCode } from './join';
import { joinEarly } from './join-api';
import { registerOfflineCopy } from './offline-copy';

// A join link: the join request leaves now, while the app renders. The live room's code (Yjs, the
// transports) is fetched by the room screen after the question form is on screen, so it never competes
// with the form for the phone's CPU; WebRTC's code only when the WebSocket does not work.
const code = codeFromPath(location.pathname);
if (code !== null && isValidCode(code)) joinEarly(code);
else window.addEventListener('load', registerOfflineCopy, { once: true });

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
