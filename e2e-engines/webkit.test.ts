import { webkit } from './drivers/webkit.js';
import { phoneFlows } from './flows.js';
import { remoteFlows } from './remote-flows.js';

phoneFlows('webkit', webkit);
remoteFlows('webkit', webkit);
remoteFlows('webkit', webkit, 'caddy');
