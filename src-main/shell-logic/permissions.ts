/**
 * Permission requests from pages. The app needs only one: the projector's double-click goes fullscreen
 * through the Fullscreen API, which Electron routes through the permission handler. WebRTC in the gateway
 * needs none (it sends no camera or microphone). Everything else is denied, and every request from a page
 * that is not the app's own is denied.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen']);

export function allowPermission(permission: string, requestingUrl: string | undefined, appOrigin: string | null): boolean {
  if (appOrigin === null || requestingUrl === undefined) return false;
  let origin: string;
  try {
    origin = new URL(requestingUrl).origin;
  } catch {
    return false;
  }
  return origin === appOrigin && ALLOWED_PERMISSIONS.has(permission);
}
