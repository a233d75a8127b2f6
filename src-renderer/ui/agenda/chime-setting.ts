/**
 * Whether the projector chimes when a countdown reaches 0 (off by default). The console and the projector
 * are pages of the same loopback origin, so the setting is shared through localStorage, and the
 * projector hears a change at once through the `storage` event.
 */
export const CHIME_KEY = 'open-floor:projector-chime';

export function readChime(): boolean {
  try {
    return localStorage.getItem(CHIME_KEY) === 'on';
  } catch {
    return false;
  }
}

export function writeChime(on: boolean): void {
  try {
    localStorage.setItem(CHIME_KEY, on ? 'on' : 'off');
  } catch {
    // storage refused (private mode): the setting lasts for this page only
  }
}
