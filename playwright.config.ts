import { defineConfig } from '@playwright/test';

// Debian's Chromium (never a downloaded browser). WebRTC on a loopback-only machine needs the two
// switches at the end; the rest are what works as root in a container.
export const CHROMIUM_ARGS = [
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

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: {
    timeout: 10_000,
    // Screenshots (e2e/looks-*.spec.ts): at most 1 % of an image's pixels may differ, so a moved or
    // restyled element fails. Antialiased pixels are never counted (pixelmatch detects them); `threshold`
    // is how far a pixel's colour may move: 0.2 would not see the phone's pale grey (#f1f3f6) turn white
    // (a difference of 0.05), so it is 0.03. Rendering here is deterministic: same Chromium, same fonts.
    toHaveScreenshot: {
      threshold: 0.03,
      maxDiffPixelRatio: 0.01,
      animations: 'disabled',
      caret: 'hide',
      scale: 'css',
      stylePath: 'e2e/fixtures/screenshot.css',
    },
  },
  // Baselines by spec, without a platform suffix: they are made on the CI machine itself (Debian Chromium,
  // the fonts pinned by e2e/fixtures/looks.ts). Regenerate with `npx playwright test <spec> --update-snapshots`.
  snapshotPathTemplate: '{testDir}/__screenshots__/{testFileName}/{arg}{ext}',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
});
