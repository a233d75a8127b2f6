import { setTimeout as delay } from 'node:timers/promises';
import type { Found, Query, Step } from './in-page/query.js';
import type { PageDriver } from './drivers/types.js';

/** How long a wait may take: generous, for a busy 2-core machine shared with other work. */
export const WAIT_MS = Number(process.env.ENGINE_WAIT_MS ?? 30_000);
/** How often a wait looks at the page again. */
const LOOK_EVERY_MS = 50;

export const role = (name: string, accessibleName?: string): Step => (accessibleName === undefined ? { role: name } : { role: name, name: accessibleName });
export const roleContaining = (name: string, part: string): Step => ({ role: name, nameContains: part });
export const text = (t: string, exact = false): Step => ({ text: t, exact });
export const hasText = (t: string): Step => ({ hasText: t });
export const css = (selector: string): Step => ({ css: selector });

/**
 * A phone as its person uses it: finds things by role, name and visible text, waits for what the page
 * shows (looking again until it holds, up to WAIT_MS, never a fixed sleep), clicks and types through the
 * engine's own driver.
 */
export class Phone {
  constructor(
    readonly page: PageDriver,
    readonly label: string,
  ) {}

  /** Opens a page of the app and waits for its own readiness signal (its document has synced once). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.ready();
  }

  async ready(): Promise<void> {
    await this.until([css('body[data-app-state="ready"]')], (f) => f.count === 1, 'the app to be ready');
  }

  /** Looks until `ok` holds for what the query finds; fails with what the page showed last. */
  until(query: Query, ok: (found: Found) => boolean, what: string, attributes: string[] = [], timeoutMs = WAIT_MS): Promise<Found> {
    return this.poll(() => this.page.find(query, attributes), ok, `${what}\n  query: ${JSON.stringify(query)}`, timeoutMs);
  }

  private async poll<T>(look: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: T | null = null;
    let error: unknown = null;
    for (;;) {
      try {
        last = await look();
        error = null;
        if (ok(last)) return last;
      } catch (err) {
        // A navigation or reload under way: look again.
        error = err;
      }
      if (Date.now() > deadline) {
        const screen = await this.page.find([css('body')]).then(
          (f) => f.text.slice(0, 1500),
          (err: unknown) => `(unreadable: ${String(err)})`,
        );
        throw new Error(
          `${this.label}: waited ${timeoutMs} ms for ${what}\n  found: ${JSON.stringify(last)}${error ? `\n  error: ${String(error)}` : ''}\n  page: ${screen}`,
        );
      }
      await delay(LOOK_EVERY_MS);
    }
  }

  visible(query: Query, what = 'it to be visible'): Promise<Found> {
    return this.until(query, (f) => f.count >= 1 && f.visible, what);
  }

  gone(query: Query): Promise<Found> {
    return this.until(query, (f) => f.count === 0, 'it to be gone');
  }

  count(query: Query, n: number): Promise<Found> {
    return this.until(query, (f) => f.count === n, `it ${n} times`);
  }

  /** The first element found contains the text (after collapsing spaces). */
  contains(query: Query, part: string): Promise<Found> {
    return this.until(query, (f) => f.count >= 1 && f.text.includes(part), `it to contain "${part}"`);
  }

  attribute(query: Query, name: string, value: string): Promise<Found> {
    return this.until(query, (f) => f.count >= 1 && f.attributes[name] === value, `it to have ${name}="${value}"`, [name]);
  }

  /** Clicks the one visible, enabled element the query finds, as soon as there is one. */
  async click(query: Query): Promise<void> {
    await this.act(query, () => this.page.click(query), 'to click');
  }

  /** Types into the one visible, enabled field the query finds (emptied first). */
  async fill(query: Query, value: string): Promise<void> {
    await this.act(query, () => this.page.type(query, value), 'to type into');
  }

  /** Ticks a checkbox or picks a radio button, unless it already is. */
  async check(query: Query): Promise<void> {
    const found = await this.until(query, (f) => f.count === 1 && f.visible && !f.disabled, 'it to be there to check');
    if (found.checked !== true) await this.click(query);
    await this.until(query, (f) => f.checked === true, 'it to be checked');
  }

  async uncheck(query: Query): Promise<void> {
    const found = await this.until(query, (f) => f.count === 1 && f.visible && !f.disabled, 'it to be there to uncheck');
    if (found.checked !== false) await this.click(query);
    await this.until(query, (f) => f.checked === false, 'it to be unchecked');
  }

  /** Waits until the element can be used, then acts; an element re-rendered under the driver's hand is tried again. */
  private async act(query: Query, action: () => Promise<void>, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      await this.until(query, (f) => f.count === 1 && f.visible && !f.disabled, `one usable element ${what}`);
      try {
        await action();
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`${this.label}: could not act on ${JSON.stringify(query)}: ${String(err)}`);
        await delay(LOOK_EVERY_MS);
      }
    }
  }
}
