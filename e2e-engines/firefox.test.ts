import { firefox } from './drivers/firefox.js';
import { phoneFlows } from './flows.js';
import { remoteFlows } from './remote-flows.js';

phoneFlows('firefox', firefox);
remoteFlows('firefox', firefox);
remoteFlows('firefox', firefox, 'caddy');
