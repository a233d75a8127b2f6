import { describe, expect, it } from 'vitest';
import { shellContentSecurityPolicy, withContentSecurityPolicy } from '../src-main/shell-logic/csp.js';
import { allowNavigation, isTrustedSender, windowOpenDecision } from '../src-main/shell-logic/navigation.js';
import { allowPermission } from '../src-main/shell-logic/permissions.js';

const APP = 'http://127.0.0.1:53123';

describe('navigation policy', () => {
  it('allows the app’s own pages on its loopback origin', () => {
    expect(allowNavigation(`${APP}/console/?t=abc`, APP)).toBe(true);
    expect(allowNavigation(`${APP}/projector/`, APP)).toBe(true);
  });

  it.each([
    'https://example.org/',
    'http://127.0.0.1:53124/console/', // another port (e.g. the LAN listener, or another program)
    'http://localhost:53123/console/', // same port, other host name
    'http://192.168.1.20:53123/',
    'https://127.0.0.1:53123/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    `${APP}@evil.example/`,
  ])('blocks %s', (url) => {
    expect(allowNavigation(url, APP)).toBe(false);
  });

  it('denies every window.open, even to the app itself', () => {
    expect(windowOpenDecision(`${APP}/console/`)).toEqual({ action: 'deny' });
    expect(windowOpenDecision('https://example.org/')).toEqual({ action: 'deny' });
  });

  it('trusts IPC only from frames on the app origin', () => {
    expect(isTrustedSender(`${APP}/console/?t=x`, APP)).toBe(true);
    expect(isTrustedSender('https://example.org/', APP)).toBe(false);
    expect(isTrustedSender(undefined, APP)).toBe(false);
  });
});

describe('permission policy', () => {
  it('allows only fullscreen, only for the app', () => {
    expect(allowPermission('fullscreen', `${APP}/projector/`, APP)).toBe(true);
    expect(allowPermission('fullscreen', APP, APP)).toBe(true); // permission checks pass an origin
    expect(allowPermission('fullscreen', 'https://example.org/', APP)).toBe(false);
    expect(allowPermission('fullscreen', `${APP}/projector/`, null)).toBe(false);
    expect(allowPermission('fullscreen', undefined, APP)).toBe(false);
  });

  it.each(['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'clipboard-read', 'display-capture', 'openExternal', 'pointerLock', 'hid', 'serial', 'usb', 'unknown'])(
    'denies %s',
    (permission) => {
      expect(allowPermission(permission, `${APP}/console/`, APP)).toBe(false);
    },
  );
});

describe('Content-Security-Policy of the shell', () => {
  const csp = shellContentSecurityPolicy(APP, 4321);
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name, ...sources] = d.trim().split(/\s+/);
      return [name!, sources] as const;
    }),
  );

  it('names no remote origin: only self, this launch’s two listeners on 127.0.0.1, and inline data', () => {
    const allowed = new Set(["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:', 'ws://127.0.0.1:53123', 'ws://127.0.0.1:4321']);
    for (const [name, sources] of directives) {
      for (const source of sources) expect(allowed.has(source), `${name} ${source}`).toBe(true);
    }
    expect(csp).not.toMatch(/\bws:(\s|;|$)|\bwss:|https?:|\*/);
  });

  it('keeps scripts to the app and forbids plugins, base and framing', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:53123', 'ws://127.0.0.1:4321']);
  });

  it('replaces whatever policy a response carried', () => {
    const headers = withContentSecurityPolicy(
      { 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html', 'CONTENT-SECURITY-POLICY': 'x' },
      csp,
    );
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [csp] });
    expect(withContentSecurityPolicy(undefined, csp)).toEqual({ 'Content-Security-Policy': [csp] });
  });
});
