import { app, session, type WebContents } from 'electron';
import { withContentSecurityPolicy } from './shell-logic/csp.js';
import { allowNavigation, windowOpenDecision } from './shell-logic/navigation.js';
import { allowPermission } from './shell-logic/permissions.js';

/**
 * Every window and page of the app, hardened in one place (decisions in src-main/shell-logic, tested
 * without Electron): no navigation away from the app's loopback origin, no window.open, no <webview>,
 * permissions denied but the projector's fullscreen, and the shell's Content-Security-Policy on every
 * response from the app's origin.
 */
export interface SecurityState {
  /** The loopback origin of the running host (null while none is running). */
  appOrigin(): string | null;
  /** The shell's CSP for this launch (null while no host is running). */
  csp(): string | null;
}

export function hardenContents(contents: WebContents, state: SecurityState): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    const origin = state.appOrigin();
    if (origin === null || !allowNavigation(url, origin)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url));
}

export function installSecurity(state: SecurityState): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, state));

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowPermission(permission, details.requestingUrl, state.appOrigin())),
  );
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowPermission(permission, requestingOrigin, state.appOrigin()),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const origin = state.appOrigin();
    const csp = state.csp();
    let fromApp = false;
    try {
      fromApp = origin !== null && new URL(details.url).origin === origin;
    } catch {
      fromApp = false;
    }
    if (!fromApp || csp === null) {
      callback({});
      return;
    }
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, csp) });
  });
}
