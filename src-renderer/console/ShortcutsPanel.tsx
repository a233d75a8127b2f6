import { AGENDA_SHORTCUTS } from './agenda-shortcuts';

const SHORTCUTS: [string, string][] = [
  ['j / ↓', 'Next question'],
  ['k / ↑', 'Previous question'],
  ['a', 'Approve'],
  ['h', 'Hide'],
  ['f', 'Put on / take off the floor'],
  ['d', 'Mark answered (done)'],
  ['p', 'Pre-moderation on / off'],
  ['e', 'Edit (the original is kept)'],
  ['m', 'Merge into another question'],
  ['u', 'Unmerge'],
  ['x', 'Mute / unmute the asking phone'],
  ...AGENDA_SHORTCUTS,
];

export function ShortcutsPanel() {
  return (
    <section className="panel shortcuts" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([key, what]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
