import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Builder, type WebDriver, type WebElement } from 'selenium-webdriver';
import type { Query } from '../in-page/query.js';
import { ensureTownHallResolves } from '../town-hall.js';
import { Xvfb } from '../xvfb.js';
import { callInPage, InPageQueries, oneInPage, type Answer, type Op } from './in-page-call.js';
import type { EngineDriver, EngineOptions, PageDriver } from './types.js';

const DRIVER = process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER = process.env.WEBKIT_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
/** A phone-sized window (the MiniBrowser has no device emulation). */
const WINDOW = { width: 412, height: 915 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** WebKitWebDriver holds one session at a time, so each phone gets its own driver (and MiniBrowser). */
async function startDriver(display: string): Promise<{ child: ChildProcess; url: string }> {
  // The free port can be taken between our look and the driver's bind (it then exits): try another.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDriverOn(await freePort(), display);
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

async function startDriverOn(port: number, display: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  let failed: Error | null = null;
  child.once('error', (err) => (failed = err));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  // Ready when its /status answers (it prints nothing): ask until then.
  for (;;) {
    if (failed) throw new Error(`${DRIVER} did not start (is Debian's webkit2gtk-driver installed?): ${(failed as Error).message}`);
    if (child.exitCode !== null) throw new Error(`${DRIVER} exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/status`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { child, url };
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${DRIVER} did not answer on ${url}`);
    }
    await delay(50);
  }
}

class WebKitPage extends InPageQueries implements PageDriver {
  constructor(private readonly driver: WebDriver) {
    super();
  }

  goto(url: string): Promise<void> {
    return this.driver.get(url);
  }

  reload(): Promise<void> {
    return this.driver.navigate().refresh();
  }

  protected inPage(call: [Op, unknown[]]): Promise<Answer> {
    return this.driver.executeScript<Answer>(callInPage, call);
  }

  protected install(script: string): Promise<unknown> {
    return this.driver.executeScript(script);
  }

  private async one(query: Query): Promise<WebElement> {
    await this.find(query);
    return this.driver.executeScript<WebElement>(oneInPage, query);
  }

  async click(query: Query): Promise<void> {
    await (await this.one(query)).click();
  }

  async type(query: Query, text: string): Promise<void> {
    await this.call('clear', [query]);
    await (await this.one(query)).sendKeys(text);
  }
}

export async function webkit(options: EngineOptions = {}): Promise<EngineDriver> {
  await ensureTownHallResolves();
  const xvfb = await Xvfb.start();
  const phones: Array<{ child: ChildProcess; driver: WebDriver }> = [];
  // A test process that dies on the way leaves no driver behind (each takes its MiniBrowser with it on quit).
  const killDrivers = () => phones.forEach(({ child }) => child.kill('SIGKILL'));
  process.once('exit', killDrivers);
  return {
    name: 'webkit',
    async newPhone() {
      const { child, url } = await startDriver(xvfb.display);
      const driver = await new Builder()
        .usingServer(url)
        .withCapabilities({ browserName: 'MiniBrowser', acceptInsecureCerts: options.acceptInsecureCerts === true, 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
        .build();
      phones.push({ child, driver });
      await driver.manage().window().setRect(WINDOW);
      return new WebKitPage(driver);
    },
    async close() {
      await Promise.all(phones.map(({ driver }) => driver.quit().catch(() => undefined)));
      for (const { child } of phones) child.kill('SIGTERM');
      process.off('exit', killDrivers);
      await xvfb.stop();
    },
  };
}
