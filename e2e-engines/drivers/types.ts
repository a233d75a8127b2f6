import type { Facts, Found, Query } from '../in-page/query.js';

/** One browser tab of one phone, whatever drives it (WebDriver classic, WebDriver BiDi, Playwright). */
export interface PageDriver {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** What the query finds now (see in-page/query.ts), with the first element's named attributes. */
  find(query: Query, attributes?: string[]): Promise<Found>;
  facts(): Promise<Facts>;
  /** A real click (the driver's own), on the one element the query finds. */
  click(query: Query): Promise<void>;
  /** Empties the field, then types the text as keystrokes. */
  type(query: Query, text: string): Promise<void>;
}

/** One engine. Each phone is its own browser profile (storage, cookies), as separate devices are. */
export interface EngineDriver {
  readonly name: 'webkit' | 'firefox' | 'chromium';
  newPhone(): Promise<PageDriver>;
  close(): Promise<void>;
}

/** How an engine is started. */
export interface EngineOptions {
  /**
   * Accept any TLS certificate (WebDriver's `acceptInsecureCerts`, Playwright's `ignoreHTTPSErrors`): for the
   * relay behind Caddy's own local CA, which a real phone replaces by trusting a public certificate.
   */
  acceptInsecureCerts?: boolean;
}

export type StartEngine = (options?: EngineOptions) => Promise<EngineDriver>;
