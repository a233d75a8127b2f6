import { ID_REGEX } from '../../ids.js';

/**
 * Where a meeting's page is in a published record (`open-floor publish` writes `meetings/<id>/`), and the
 * link a phone gives its resident: the fragment names the phone's own questions, so the page can
 * highlight them. A fragment never leaves the browser: nothing about the resident reaches the server.
 */
export const MINE_FRAGMENT = 'mine';

/** The meeting's page under the record's published address, with the asker's questions in the fragment. */
export function recordLink(base: string, sessionId: string, questionIds: readonly string[] = []): string {
  const page = `${base.replace(/\/+$/, '')}/meetings/${encodeURIComponent(sessionId)}/`;
  return questionIds.length > 0 ? `${page}#${MINE_FRAGMENT}=${questionIds.map(encodeURIComponent).join(',')}` : page;
}

/** The question ids a link's fragment names ("#mine=a,b", among other parts after "&"); anything else is ignored. */
export function mineFromFragment(hash: string): string[] {
  const match = new RegExp(`(?:^#|[#&])${MINE_FRAGMENT}=([^&]*)`).exec(hash);
  let ids = '';
  try {
    ids = decodeURIComponent(match?.[1] ?? '');
  } catch {
    return [];
  }
  return ids
    .split(',')
    .map((id) => id.trim())
    .filter((id) => ID_REGEX.test(id));
}
