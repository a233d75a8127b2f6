/**
 * Where a window may go. The app's pages all come from the loopback listener of this launch; anything
 * else (another site, a file:// URL, the LAN listener, a redirect elsewhere) is refused, and window.open is
 * always refused: the app never opens a second page by script.
 */
export function isAppUrl(url: string, appOrigin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && parsed.origin === appOrigin;
}

/** `will-navigate`, `will-redirect`, `will-frame-navigate`: may this navigation proceed? */
export function allowNavigation(url: string, appOrigin: string): boolean {
  return isAppUrl(url, appOrigin);
}

/** `setWindowOpenHandler`: never a new window. */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** IPC: does a message come from one of the app's own pages? (The window is checked separately.) */
export function isTrustedSender(frameUrl: string | undefined, appOrigin: string): boolean {
  return frameUrl !== undefined && isAppUrl(frameUrl, appOrigin);
}
