/**
 * Runs inside the page (any engine): finds elements the way a person and Playwright's getByRole do, by
 * role and accessible name, label or visible text. Bundled by esbuild into one script (see bundle.ts)
 * that installs itself as `window.__openFloorQuery`; drivers call it through their own script runner.
 */
import { computeAccessibleName, getRole, isInaccessible } from 'dom-accessibility-api';

/** One step of a query; each step searches inside the elements the previous one found. */
export type Step =
  /** Role and, optionally, accessible name: exact after collapsing spaces, or `nameContains`. */
  | { role: string; name?: string; nameContains?: string }
  /** The smallest elements whose visible text contains (or, with `exact`, is) the text. */
  | { text: string; exact?: boolean }
  /** Keeps the elements found so far whose text contains this. */
  | { hasText: string }
  | { css: string };
export type Query = Step[];

export interface Found {
  count: number;
  /** The first element's state, when there is one. */
  visible: boolean;
  text: string;
  checked: boolean | null;
  disabled: boolean;
  attributes: Record<string, string | null>;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function isVisible(el: Element): boolean {
  if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true, opacityProperty: false });
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

const textOf = (el: Element): string => squash(el instanceof HTMLElement ? el.innerText : (el.textContent ?? ''));

function byRole(scope: Element, step: { role: string; name?: string; nameContains?: string }): Element[] {
  const out: Element[] = [];
  for (const el of Array.from(scope.querySelectorAll('*'))) {
    if (getRole(el) !== step.role || isInaccessible(el)) continue;
    if (step.name !== undefined || step.nameContains !== undefined) {
      const name = squash(computeAccessibleName(el));
      if (step.name !== undefined && name !== squash(step.name)) continue;
      if (step.nameContains !== undefined && !name.includes(squash(step.nameContains))) continue;
    }
    out.push(el);
  }
  return out;
}

function byText(scope: Element, text: string, exact: boolean): Element[] {
  const want = squash(text);
  const matches = (el: Element) => (exact ? textOf(el) === want : textOf(el).includes(want));
  const hits = Array.from(scope.querySelectorAll('*')).filter((el) => !(el instanceof HTMLScriptElement) && isVisible(el) && matches(el));
  // The smallest: drop an element when one of its descendants matches too.
  return hits.filter((el) => !hits.some((other) => other !== el && el.contains(other)));
}

function run(query: Query): Element[] {
  let found: Element[] = [document.documentElement];
  for (const step of query) {
    if ('hasText' in step) {
      found = found.filter((el) => textOf(el).includes(squash(step.hasText)));
      continue;
    }
    const next = new Set<Element>();
    for (const scope of found) {
      const hits = 'role' in step ? byRole(scope, step) : 'text' in step ? byText(scope, step.text, step.exact ?? false) : [...(scope.matches(step.css) ? [scope] : []), ...Array.from(scope.querySelectorAll(step.css))];
      hits.forEach((h) => next.add(h));
    }
    found = [...next];
  }
  return found;
}

function find(query: Query, attributes: string[] = []): Found {
  const all = run(query);
  const el = all[0];
  return {
    count: all.length,
    visible: el ? isVisible(el) : false,
    text: el ? textOf(el) : '',
    checked: el instanceof HTMLInputElement ? el.checked : null,
    disabled: el instanceof HTMLButtonElement || el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.disabled : false,
    attributes: Object.fromEntries(attributes.map((a) => [a, el ? el.getAttribute(a) : null])),
  };
}

/** The one element a query names, ready for the driver to click or type into (scrolled to the middle). */
function one(query: Query): Element {
  const all = run(query);
  if (all.length !== 1) throw new Error(`expected one element for ${JSON.stringify(query)}, found ${all.length}`);
  all[0]!.scrollIntoView({ block: 'center', inline: 'center' });
  return all[0]!;
}

/** Empties a form field as typing would (React and Preact listen to `input`), so the driver can type anew. */
function clear(query: Query): void {
  const el = one(query);
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) throw new Error('not a text field');
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')?.set;
  setter?.call(el, '');
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

/** What makes this page a real phone's: an insecure context has no crypto.subtle, randomUUID or service worker. */
function facts() {
  return {
    url: location.href,
    isSecureContext: window.isSecureContext,
    subtle: typeof crypto.subtle === 'object' && crypto.subtle !== null,
    randomUUID: typeof crypto.randomUUID === 'function',
    serviceWorker: 'serviceWorker' in navigator,
  };
}
export type Facts = ReturnType<typeof facts>;

const api = { find, one, clear, facts };
export type QueryApi = typeof api;
(window as unknown as { __openFloorQuery: QueryApi }).__openFloorQuery = api;
