import { TOKEN_QUERY } from '../../src-shared/paths';

/** The per-launch control token from the page's `t` query parameter (console and projector). */
export function pageToken(): string {
  return new URLSearchParams(location.search).get(TOKEN_QUERY) ?? '';
}
