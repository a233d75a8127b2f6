import { readDeskDisplay, TOP_COUNT_MAX, TOP_COUNT_MIN, type DisplayOptions, type TextSize } from '../../src-shared/display';
import { useYView } from '../ui/use-y-view';
import { control, run } from './control';
import { getDeskDoc } from './moderation-ui';
import * as Y from 'yjs';

const EMPTY_DOC = new Y.Doc();

const TEXT_SIZE_LABELS: Record<TextSize, string> = { '1': 'Standard', '2': 'Large', '3': 'Larger', '4': 'Largest' };
const QR_LABELS: Record<DisplayOptions['qrSize'], string> = { small: 'Small', medium: 'Medium', large: 'Large' };

/** How the projector looks; remembered in the data folder. */
export function DisplaySettings() {
  const display = useYView(getDeskDoc() ?? EMPTY_DOC, readDeskDisplay);
  const set = (change: Partial<DisplayOptions>) => void run(() => control.setDisplay({ ...display, ...change }));
  return (
    <section className="panel display-settings" aria-labelledby="display-heading">
      <h2 id="display-heading">Projector display</h2>
      <div className="stack">
        <label className="stack">
          Text size
          <select value={display.textSize} onChange={(e) => set({ textSize: e.target.value as TextSize })}>
            {(Object.keys(TEXT_SIZE_LABELS) as TextSize[]).map((s) => (
              <option key={s} value={s}>
                {TEXT_SIZE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="stack">
          Theme
          <select value={display.theme} onChange={(e) => set({ theme: e.target.value as DisplayOptions['theme'] })}>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={display.highContrast} onChange={(e) => set({ highContrast: e.target.checked })} />
          High contrast
        </label>
        <label className="check">
          <input type="checkbox" checked={display.showNames} onChange={(e) => set({ showNames: e.target.checked })} />
          Show askers’ names
        </label>
        <label className="stack">
          Top questions shown
          <select value={display.topCount} onChange={(e) => set({ topCount: Number(e.target.value) })}>
            {Array.from({ length: TOP_COUNT_MAX - TOP_COUNT_MIN + 1 }, (_, i) => i + TOP_COUNT_MIN).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label className="stack">
          QR code size
          <select value={display.qrSize} onChange={(e) => set({ qrSize: e.target.value as DisplayOptions['qrSize'] })}>
            {(Object.keys(QR_LABELS) as DisplayOptions['qrSize'][]).map((s) => (
              <option key={s} value={s}>
                {QR_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </section>
  );
}
