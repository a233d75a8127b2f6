import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import type { Query } from '../in-page/query.js';
import { TOWN_HALL } from '../town-hall.js';
import { callInPage, InPageQueries, oneInPage, type Answer, type Op } from './in-page-call.js';
import type { EngineDriver, EngineOptions, PageDriver } from './types.js';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

class FirefoxPage extends InPageQueries implements PageDriver {
  constructor(private readonly page: Page) {
    super();
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
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
    return this.page.evaluateHandle(oneInPage, query);
  }

  async click(query: Query): Promise<void> {
    await (await this.one(query)).click();
  }

  async type(query: Query, text: string): Promise<void> {
    await this.call('clear', [query]);
    await (await this.one(query)).type(text);
  }
}

/** Debian's Firefox ESR over WebDriver BiDi (no geckodriver); the town hall's name resolves to loopback by a pref. */
export async function firefox(options: EngineOptions = {}): Promise<EngineDriver> {
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: options.acceptInsecureCerts === true,
    extraPrefsFirefox: { 'network.dns.localDomains': TOWN_HALL },
  });
  return {
    name: 'firefox',
    async newPhone() {
      // Its own user context (storage and cookies apart, as on another device) in its own window: a
      // background tab is hidden, and Firefox runs no rendering steps there (puppeteer's click then waits).
      const context = await browser.createBrowserContext();
      const page = await context.newPage({ type: 'window' });
      await page.setViewport({ width: 412, height: 915 });
      if (process.env.DEBUG_ENGINES) {
        const t0 = Date.now();
        page.on('console', (m) => console.log(((Date.now() - t0) / 1000).toFixed(1), 'console', m.type(), m.text()));
        page.on('pageerror', (e) => console.log('pageerror', String(e)));
      }
      return new FirefoxPage(page);
    },
    async close() {
      await browser.close();
    },
  };
}
