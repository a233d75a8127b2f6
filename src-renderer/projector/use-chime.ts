import { useEffect, useState } from 'react';
import { remainingAt, type TimerFacts } from '../../src-shared/features/agenda/timer';
import { CHIME_KEY, readChime, writeChime } from '../ui/agenda/chime-setting';


/** A short tone from the laptop's speakers, made on the spot (no sound file, nothing from the network). */
function beep(): void {
  try {
    const audio = new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.25, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.8);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.8);
    osc.onended = () => void audio.close();
  } catch {
    // no audio device: the red clock says it anyway
  }
}

/**
 * The optional chime when a running timer reaches 0, off by default: the console's "Chime at 0" box, or
 * `c` on the projector, turns it on or off. Returns whether it is on.
 */
export function useChime(timer: TimerFacts | null): boolean {
  const [on, setOn] = useState(readChime);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'c' || e.ctrlKey || e.metaKey || e.altKey) return;
      setOn((was) => {
        writeChime(!was);
        return !was;
      });
    };
    const onStorage = (e: StorageEvent) => {
      if (e.key === CHIME_KEY) setOn(readChime());
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('storage', onStorage);
    };
  }, []);
  useEffect(() => {
    if (!on || !timer || timer.runningSince === null) return;
    const left = remainingAt(timer, Date.now());
    if (left <= 0) return;
    const id = setTimeout(beep, left);
    return () => clearTimeout(id);
  }, [on, timer]);
  return on;
}
