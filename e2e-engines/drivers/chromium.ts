import { chromium as playwright, devices, type ElementHandle, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import type { Query } from '../in-page/query.js';
import { TOWN_HALL } from '../town-hall.js';
import { callInPage, InPageQueries, oneInPage, type Answer, type Op } from './in-page-call.js';
import type { EngineDriver, EngineOptions, PageDriver } from './types.js';

class ChromiumPage extends InPageQueries implements PageDriver {
  constructor(private readonly page: Page) {
    super();
  }

  async goto(url: string): Promise<void> {
    try {
      await this.page.goto(url);
    } catch (err) {
      // Chromium reloads its own network-error page by itself once the host answers again; that reload
      // can overtake ours. Either way the page now loads the same address.
      if (!String(err).includes('interrupted by another navigation')) throw err;
      await this.page.waitForLoadState();
    }
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  protected inPage(call: [Op, unknown[]]): Promise<Answer> {
    return this.page.evaluate(callInPage, call);
  }

  protected install(script: string): Promise<unknown> {
    return this.page.evaluate(script);
  }

  private async one(query: Query): Promise<ElementHandle> {
    await this.find(query);
    return (await this.page.evaluateHandle(oneInPage, query)).asElement()!;
  }

  async click(query: Query): Promise<void> {
    await (await this.one(query)).click();
  }

  async type(query: Query, text: string): Promise<void> {
    await this.call('clear', [query]);
    await (await this.one(query)).focus();
    await this.page.keyboard.type(text);
  }
}

/** Debian's Chromium through Playwright, with the town hall's name mapped to loopback by a switch. */
export async function chromium(options: EngineOptions = {}): Promise<EngineDriver> {
  const browser = await playwright.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${TOWN_HALL} 127.0.0.1`],
  });
  const { defaultBrowserType: _ignored, ...pixel } = devices['Pixel 7'];
  return {
    name: 'chromium',
    async newPhone() {
      const context = await browser.newContext({ ...pixel, ignoreHTTPSErrors: options.acceptInsecureCerts === true });
      const page = await context.newPage();
      if (process.env.DEBUG_ENGINES) {
        page.on('console', (m) => console.log('console', m.type(), m.text()));
        page.on('pageerror', (e) => console.log('pageerror', String(e)));
      }
      return new ChromiumPage(page);
    },
    async close() {
      await browser.close();
    },
  };
}
