/**
 * mine.js, on a published meeting page: `#mine=<questionId>,<questionId>` (the link a phone builds from
 * its own question ids; nothing about the resident is sent anywhere) marks those questions as "your
 * question", with the page's words for it as visible text (read first by a screen reader), and scrolls to the first. Without it the page reads the same.
 */
import { mineFromFragment } from '../../src-shared/features/follow-up/publication';

const LABEL_ATTR = 'data-mine-label';

function highlight(): void {
  const ids = mineFromFragment(location.hash);
  if (ids.length === 0) return;
  const label = document.querySelector(`[${LABEL_ATTR}]`)?.getAttribute(LABEL_ATTR) ?? '';
  let first: HTMLElement | null = null;
  for (const id of ids) {
    const el = document.getElementById(`q-${id}`);
    if (!el || el.classList.contains('mine')) continue;
    el.classList.add('mine');
    const tag = document.createElement('strong');
    tag.className = 'mine-label';
    tag.textContent = label;
    el.prepend(tag);
    first ??= el;
  }
  if (first) {
    first.setAttribute('tabindex', '-1');
    first.scrollIntoView({ block: 'start' });
    first.focus({ preventScroll: true });
  }
}

highlight();
window.addEventListener('hashchange', highlight);
