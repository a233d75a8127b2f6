import { createRoot } from 'react-dom/client';
import '../ui/base.css';
import '../ui/poll-chart.css';
import './attendee.css';
import { App } from './App';
import { registerOfflineCopy } from './offline-copy';

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
registerOfflineCopy();
