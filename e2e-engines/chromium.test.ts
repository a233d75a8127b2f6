import { chromium } from './drivers/chromium.js';
import { phoneFlows } from './flows.js';

phoneFlows('chromium', chromium);
