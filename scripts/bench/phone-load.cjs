'use strict';
/**
 * Phone-load benchmark: how long a phone takes from opening the QR URL (`/j/<code>`) to a usable question
 * form, in Debian's Chromium with Playwright's Pixel 7 emulation, one cold browser context per load.
 *
 * "Usable" = the question box (`#ask-text`) and the "Send question" button are in the document. An init
 * script (injected by the DevTools protocol, so the page's CSP does not apply) watches the DOM and keeps
 * `performance.now()` of that moment, i.e. milliseconds since the navigation started.
 *
 * Throttled profile: `Emulation.setCPUThrottlingRate` 4 and `Network.emulateNetworkConditions` 40 ms
 * RTT, 10 Mbit/s both ways. Service workers are blocked in the context: a phone on the venue's plain-http
 * LAN page has none (browsers allow them only in secure contexts, and 127.0.0.1 counts as one).
 *
 * Bytes: Resource Timing `transferSize` (headers + body as sent, i.e. compressed) of the document and
 * every resource that finished before the form was usable; and the same for everything loaded until
 * the phone showed "Connected", plus WebSocket frame payloads from the DevTools protocol.
 */
const { chromium, devices } = require('@playwright/test');
const { percentile } = require('./stats.cjs');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

const PROFILES = {
  unthrottled: { cpu: 1, network: null },
  throttled: { cpu: 4, network: { latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 } },
};

function watchForm() {
  const check = () => {
    if (window.__formUsable !== undefined) return true;
    const box = document.getElementById('ask-text');
    const send = [...document.querySelectorAll('button[type="submit"]')].some((b) => b.textContent === 'Send question');
    if (box && send && !box.disabled) {
      window.__formUsable = performance.now();
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => {
    if (check()) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

/** One cold load. Returns { formMs, bytesBeforeForm, files, bytesUntilConnected, wsBytes, connectedMs }. */
async function oneLoad(browser, joinUrl, profileName) {
  const profile = PROFILES[profileName];
  const { defaultBrowserType: _ignored, ...pixel7 } = devices['Pixel 7'];
  const context = await browser.newContext({ ...pixel7, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    let wsBytes = 0;
    cdp.on('Network.webSocketFrameReceived', (e) => (wsBytes += e.response.payloadData.length));
    cdp.on('Network.webSocketFrameSent', (e) => (wsBytes += e.response.payloadData.length));
    if (profile.network) {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, connectionType: 'wifi', ...profile.network });
    }
    if (profile.cpu !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    await page.addInitScript(watchForm);
    const t0 = Date.now();
    await page.goto(joinUrl, { waitUntil: 'commit' });
    await page.getByRole('button', { name: 'Send question' }).waitFor({ timeout: 60_000 });
    const wallMs = Date.now() - t0;
    await page.waitForFunction(() => window.__formUsable !== undefined, null, { timeout: 60_000, polling: 50 });
    const before = await page.evaluate(() => {
      const t = window.__formUsable;
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource').filter((r) => r.responseEnd <= t);
      return {
        formMs: t,
        bytes: (nav ? nav.transferSize : 0) + res.reduce((s, r) => s + r.transferSize, 0),
        files: res.map((r) => `${new URL(r.name).pathname} ${r.transferSize}`),
      };
    });
    // The rest of the first visit: until the room has synced with the laptop.
    await page.locator('[data-connection="online"]').waitFor({ timeout: 60_000 });
    const after = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource');
      return {
        connectedMs: performance.now(),
        bytes: (nav ? nav.transferSize : 0) + res.reduce((s, r) => s + r.transferSize, 0),
        files: res.map((r) => `${new URL(r.name).pathname} ${r.transferSize}`),
      };
    });
    return {
      wallMs,
      formMs: before.formMs,
      bytesBeforeForm: before.bytes,
      filesBeforeForm: before.files,
      connectedMs: after.connectedMs,
      bytesUntilConnected: after.bytes,
      filesUntilConnected: after.files,
      wsBytes,
    };
  } finally {
    await context.close();
  }
}

/**
 * `runs` cold loads per profile and target (a running host whose session is open at `joinUrl`), the
 * targets alternating load by load so a busy machine affects them alike.
 * Returns { [target label]: { [profile]: { runs: [...], median: {...} } } }.
 */
async function phoneLoad({ targets, runs = 5, profiles = ['unthrottled', 'throttled'], log = () => {} }) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const out = {};
  try {
    // One warm-up load per target (not counted) so the hosts' first-request costs are not in run 1.
    for (const t of targets) await oneLoad(browser, t.joinUrl, 'unthrottled');
    for (const name of profiles) {
      const lists = new Map(targets.map((t) => [t.label, []]));
      for (let i = 0; i < runs; i++) {
        for (const t of targets) {
          const r = await oneLoad(browser, t.joinUrl, name);
          lists.get(t.label).push(r);
          log(`${t.label}, ${name}, load ${i + 1}/${runs}: form usable after ${r.formMs.toFixed(0)} ms (seen by Playwright after ${r.wallMs} ms), ${(r.bytesBeforeForm / 1024).toFixed(1)} KiB before it; connected after ${r.connectedMs.toFixed(0)} ms, ${(r.bytesUntilConnected / 1024).toFixed(1)} KiB HTTP + ${(r.wsBytes / 1024).toFixed(1)} KiB WebSocket`);
        }
      }
      for (const t of targets) {
        const list = lists.get(t.label);
        const med = (key) => percentile(list.map((r) => r[key]), 50);
        const median = {
          formMs: med('formMs'),
          wallMs: med('wallMs'),
          bytesBeforeForm: med('bytesBeforeForm'),
          connectedMs: med('connectedMs'),
          bytesUntilConnected: med('bytesUntilConnected'),
          wsBytes: med('wsBytes'),
        };
        (out[t.label] ??= {})[name] = { runs: list, median };
        log(`${t.label}, ${name}: median form usable ${median.formMs.toFixed(0)} ms (runs ${list.map((r) => r.formMs.toFixed(0)).join(', ')}), ${(median.bytesBeforeForm / 1024).toFixed(1)} KiB before the form`);
        log(`${t.label}, ${name}: before the form: ${list[0].filesBeforeForm.join(', ')}; until connected: ${list[0].filesUntilConnected.join(', ')}`);
      }
    }
  } finally {
    await browser.close();
  }
  return out;
}

module.exports = { phoneLoad, PROFILES };
