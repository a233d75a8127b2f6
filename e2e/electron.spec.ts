import { _electron as electron, devices, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from './fixtures/electron-binary.js';
import { openPhone, ready } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

/**
 * The desktop app itself, launched from the build (`npm run build`) with Playwright's `_electron`, where an
 * Electron binary exists. Everything it shows is also covered without Electron (headless e2e specs and
 * test/electron-*.test.ts); this spec proves the shell wires it up.
 */
const ROOT = join(__dirname, '..');
const binary = findElectronBinary();
const SKIP_REASON = `No Electron binary on this machine: ${binary.reason ?? ''}. Nothing of the desktop app was run.`;
if (binary.path === null) process.stderr.write(`e2e/electron.spec.ts skipped — ${SKIP_REASON}\n`);

test.describe('desktop app (Electron)', () => {
  test.skip(binary.path === null, SKIP_REASON);

  let app: ElectronApplication;
  let userData: string;

  test.beforeEach(async () => {
    userData = mkdtempSync(join(tmpdir(), 'open-floor-electron-'));
    app = await electron.launch({
      executablePath: binary.path!,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ROOT],
      env: {
        ...process.env,
        OPEN_FLOOR_USER_DATA: userData,
        OPEN_FLOOR_LAN_PORT: '0',
        OPEN_FLOOR_JOIN_ADDRESS: '127.0.0.1',
      },
    });
  });

  test.afterEach(async () => {
    await app.close().catch(() => undefined);
    rmSync(userData, { recursive: true, force: true });
  });

  /** The app's window showing a page under `path` (windows come up in any order; the gateway is hidden). */
  async function windowAt(path: string): Promise<Page> {
    const find = () => app.windows().find((p) => p.url().includes(path));
    await expect.poll(() => find() !== undefined, { timeout: 30_000 }).toBe(true);
    return find()!;
  }

  test('console opens, a session opens, the projector shows the QR, a phone joins', async ({ browser }) => {
    const consolePage = await windowAt('/console/');
    await ready(consolePage);
    const gatewayPage = await windowAt('/gateway/');
    await expect(gatewayPage.locator('body')).toHaveAttribute('data-app-state', 'ready');

    await consolePage.getByLabel('Session title').fill('Desktop rehearsal');
    await consolePage.getByRole('button', { name: 'Create session' }).click();
    await consolePage.getByRole('button', { name: 'Open session' }).click();

    const projector = await windowAt('/projector/');
    await ready(projector);
    await expect(projector.getByRole('img', { name: 'Join QR code' })).toBeVisible();
    const joinUrl = (await projector.locator('.join-url').textContent())!.trim();
    expect(joinUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/j\/[A-Z0-9]{6}$/);

    const { defaultBrowserType: _ignored, ...pixel } = devices['Pixel 7'];
    const phoneContext = await browser.newContext(pixel);
    const phone = await phoneContext.newPage();
    await openPhone(phone, joinUrl);
    await expect(consolePage.getByText('Connected phones: 1')).toBeVisible();
    await phoneContext.close();
  });

  test('every window is sandboxed and isolated; the console has only the narrow bridge', async () => {
    const consolePage = await windowAt('/console/');
    await ready(consolePage);
    await windowAt('/projector/');
    await windowAt('/gateway/');
    // getLastWebPreferences is Electron's own (undocumented) record of what a window was created with.
    const windows = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((w) => ({
        url: w.webContents.getURL(),
        prefs: (w.webContents as unknown as { getLastWebPreferences?(): unknown }).getLastWebPreferences?.() ?? null,
      })),
    );
    expect(windows).toHaveLength(3);
    for (const { url, prefs } of windows) {
      expect(prefs, url).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    }
    for (const page of app.windows()) {
      const globals = await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process]);
      expect(globals, page.url()).toEqual(['undefined', 'undefined']);
    }
    const bridge = await consolePage.evaluate(() => {
      const api = (window as unknown as { openFloor?: Record<string, unknown> }).openFloor ?? {};
      return {
        keys: Object.keys(api).sort(),
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
      };
    });
    expect(bridge.keys).toContain('createSession');
    expect(bridge.keys).not.toContain('ipcRenderer');
    expect(bridge.require).toBe('undefined');
    expect(bridge.process).toBe('undefined');
    const csp = await consolePage.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
  });

  test('navigation away and window.open are blocked', async () => {
    const consolePage = await windowAt('/console/');
    await ready(consolePage);
    const before = consolePage.url();
    expect(await consolePage.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
    await consolePage.evaluate(() => {
      location.href = 'https://example.org/';
    });
    await consolePage.waitForLoadState();
    expect(consolePage.url()).toBe(before);
    expect(app.windows().some((p) => p.url().startsWith('https://example.org'))).toBe(false);
  });

  test('closing the console with a session open asks first', async () => {
    const consolePage = await windowAt('/console/');
    await ready(consolePage);
    await consolePage.getByLabel('Session title').fill('Closing test');
    await consolePage.getByRole('button', { name: 'Create session' }).click();
    await consolePage.getByRole('button', { name: 'Open session' }).click();
    await expect(consolePage.getByRole('button', { name: 'Close session' })).toBeVisible();
    // Answer the native dialog: first "Cancel", then "Quit and keep it open".
    await app.evaluate(({ dialog }) => {
      const answers = [2, 0];
      const asked: string[] = [];
      (globalThis as unknown as { asked: string[] }).asked = asked;
      dialog.showMessageBox = (async (...args: unknown[]) => {
        const options = args.find((a) => typeof a === 'object' && a !== null && 'buttons' in a) as unknown as { message: string };
        asked.push(options.message);
        return { response: answers.shift() ?? 2, checkboxChecked: false };
      }) as typeof dialog.showMessageBox;
    });
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().includes('/console/'))?.close());
    await expect.poll(() => app.evaluate(() => (globalThis as unknown as { asked: string[] }).asked.length)).toBe(1);
    expect(app.windows().some((p) => p.url().includes('/console/'))).toBe(true);
    const closed = app.waitForEvent('close');
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().includes('/console/'))?.close());
    await closed;
  });
});
