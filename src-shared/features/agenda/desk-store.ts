import type * as Y from 'yjs';
import { childMap, readChildMap, setIfChanged, syncKeyedMap } from '../../docs/json-map.js';
import type { DeskAgenda, DeskAgendaItem, DeskSpeaker } from './views.js';

/**
 * How the desk stores its agenda: the speakers in a keyed child map (`agendaSpeakers`, one entry each)
 * and the rest under `agenda` with speaker ids only, so a sign-up writes one small entry and a list of
 * ids instead of the whole agenda again. The console reads it joined back (`DeskAgenda`).
 */
export const DESK_AGENDA_KEY = 'agenda';
export const DESK_SPEAKERS_KEY = 'agendaSpeakers';

type StoredItem = Omit<DeskAgendaItem, 'queue' | 'spoken'> & { queue: string[]; spoken: string[] };
type StoredAgenda = Omit<DeskAgenda, 'items' | 'floor'> & { items: StoredItem[]; floor: string | null };

export function writeDeskAgenda(desk: Y.Map<unknown>, agenda: DeskAgenda | null): void {
  const speakers = new Map<string, DeskSpeaker>();
  const ids = (list: DeskSpeaker[]) => list.map((s) => (speakers.set(s.id, s), s.id));
  const stored: StoredAgenda | null = agenda && {
    ...agenda,
    floor: agenda.floor ? ids([agenda.floor])[0]! : null,
    items: agenda.items.map((item) => ({ ...item, queue: ids(item.queue), spoken: ids(item.spoken) })),
  };
  setIfChanged(desk, DESK_AGENDA_KEY, stored);
  if (speakers.size === 0 && !readChildMap(desk, DESK_SPEAKERS_KEY)) return;
  syncKeyedMap(childMap<DeskSpeaker>(desk, DESK_SPEAKERS_KEY), [...speakers.values()]);
}

export function readDeskAgenda(desk: Y.Map<unknown>): DeskAgenda | null {
  const stored = desk.get(DESK_AGENDA_KEY) as StoredAgenda | null | undefined;
  if (!stored) return null;
  const map = readChildMap<DeskSpeaker>(desk, DESK_SPEAKERS_KEY);
  const speakers = (ids: readonly string[]) => ids.map((id) => map?.get(id)).filter((s): s is DeskSpeaker => s !== undefined);
  return {
    ...stored,
    floor: stored.floor ? (map?.get(stored.floor) ?? null) : null,
    items: stored.items.map((item) => ({ ...item, queue: speakers(item.queue), spoken: speakers(item.spoken) })),
  };
}
