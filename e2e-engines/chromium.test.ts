import { chromium } from './drivers/chromium.js';
import { phoneFlows } from './flows.js';
import { remoteFlows } from './remote-flows.js';

phoneFlows('chromium', chromium);
remoteFlows('chromium', chromium);
remoteFlows('chromium', chromium, 'caddy');
