import { firefox } from './drivers/firefox.js';
import { phoneFlows } from './flows.js';

phoneFlows('firefox', firefox);
