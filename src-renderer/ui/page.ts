/** What e2e tests wait on: `body[data-app-state]`. */
export function setAppState(state: 'loading' | 'ready'): void {
  if (document.body.dataset.appState !== state) document.body.dataset.appState = state;
}

export function setConnectionAttr(status: string): void {
  document.body.dataset.connection = status;
}

/** ws(s)://host of the page, where the host serves /sync and /signal. */
export function wsOrigin(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}
