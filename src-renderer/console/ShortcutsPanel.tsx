import { t } from '../ui/i18n';
import { AGENDA_SHORTCUTS, keyName } from './agenda-shortcuts';

/** The key, and the catalog key of what it does (console.sc_*). */
const SHORTCUTS: [string, string][] = [
  ['j / ↓', 'next'],
  ['k / ↑', 'previous'],
  ['a', 'approve'],
  ['h', 'hide'],
  ['f', 'floor'],
  ['d', 'done'],
  ['p', 'premod'],
  ['e', 'edit'],
  ['m', 'merge'],
  ['u', 'unmerge'],
  ['x', 'mute'],
  ...AGENDA_SHORTCUTS,
];

export function ShortcutsPanel() {
  return (
    <section className="panel shortcuts" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('console.shortcuts')}</h2>
      <dl>
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{keyName(key)}</kbd>
            </dt>
            <dd>{t(`console.sc_${what}`)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
