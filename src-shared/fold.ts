import type { FoldedEvent } from './events.js';
import { FEATURES } from './features/registry.js';
import { emptyState, type SessionState } from './state.js';

/**
 * Applies one event to the state, in place (a session can hold tens of thousands of events, so the
 * fold does not copy): every registered feature folds its part. Events in the log were validated when
 * they were accepted; applying is total.
 */
export function applyEvent(state: SessionState, event: FoldedEvent): SessionState {
  for (const feature of FEATURES) feature.fold(state, event);
  state.lastSeq = event.seq;
  state.lastHash = event.hash;
  return state;
}

export function fold(events: Iterable<FoldedEvent>): SessionState {
  const state = emptyState();
  for (const e of events) applyEvent(state, e);
  return state;
}
