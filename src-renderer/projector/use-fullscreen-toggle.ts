import { useEffect } from 'react';

/** Double-click (or F11 in the browser) takes the board fullscreen on the projector. */
export function useFullscreenToggle(): void {
  useEffect(() => {
    const toggle = () => {
      if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      else void document.documentElement.requestFullscreen().catch(() => undefined);
    };
    window.addEventListener('dblclick', toggle);
    return () => window.removeEventListener('dblclick', toggle);
  }, []);
}
