import { useEffect, useState } from 'react';

/** Re-renders every `everyMs` while `running` (a countdown on screen); the clock itself is read by the caller. */
export function useTicking(running: boolean, everyMs = 100): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!running) return;
    const id = setInterval(() => setTick((t) => t + 1), everyMs);
    return () => clearInterval(id);
  }, [running, everyMs]);
}
