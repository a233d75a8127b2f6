import { webkit } from './drivers/webkit.js';
import { phoneFlows } from './flows.js';

phoneFlows('webkit', webkit);
