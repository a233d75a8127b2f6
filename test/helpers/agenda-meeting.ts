import type { AgendaCommand } from '../../src-shared/features/agenda/control.js';
import { decideAgendaControl } from '../../src-shared/features/agenda/decide-control.js';
import { controlInputs, type ControlInput, type ControlParsedInput } from '../../src-shared/control.js';
import { decidePhoneRequest, type Decision } from '../../src-shared/decide-phone.js';
import type { Actor, EventBody, LoggedEvent } from '../../src-shared/events.js';
import { chainEvent } from '../../src-shared/hash-chain.js';
import { parsePhoneRequest, type PhoneRequestDraft } from '../../src-shared/requests.js';
import { applyEvent, fold, type SessionState } from '../../src-shared/state.js';

/** A session driven through the pure rules, as the host drives it: decide, then append and fold. */
export class Meeting {
  events: LoggedEvent[] = [];
  state: SessionState = fold([]);
  now = 1_700_000_000_000;
  private ids = 0;

  constructor() {
    this.append('facilitator', [{ type: 'session.created', sessionId: 's1', title: 'Council', place: 'Hall', timeZone: 'UTC' }]);
    this.append('facilitator', [{ type: 'session.opened' }]);
  }

  newId = (): string => `id0000${++this.ids}`;

  append(actor: Actor, bodies: EventBody[]): void {
    for (const body of bodies) {
      const e = chainEvent(this.events.at(-1) ?? null, this.now, actor, body);
      this.events.push(e);
      applyEvent(this.state, e);
    }
  }

  control<K extends AgendaCommand>(command: K, input: ControlInput<K>): { ok: true; id: string | null; events: EventBody[] } | { ok: false; error: string } {
    const parsed = controlInputs[command].safeParse(input);
    if (!parsed.success) return { ok: false, error: parsed.error.issues[0]!.message };
    const d = decideAgendaControl(this.state, command, parsed.data as ControlParsedInput<K>, this.newId);
    if (d.ok) this.append('facilitator', d.events);
    return d;
  }

  /** A control command that must work; its id. */
  do<K extends AgendaCommand>(command: K, input: ControlInput<K>): string {
    const r = this.control(command, input);
    if (!r.ok) throw new Error(r.error);
    return r.id ?? '';
  }

  phone(deviceId: string, draft: PhoneRequestDraft): Decision {
    const parsed = parsePhoneRequest(draft);
    if (!parsed.ok) return { ok: false, reason: parsed.reason };
    const d = decidePhoneRequest(this.state, deviceId, parsed.request, this.newId);
    if (d.ok) this.append(`device:${deviceId}`, d.events);
    return d;
  }

  speak(deviceId: string, itemId: string, extra: Partial<Extract<PhoneRequestDraft, { kind: 'speak' }>> = {}): Decision {
    return this.phone(deviceId, { kind: 'speak', id: `req000${++this.ids}`, itemId, ...extra });
  }

  tick(ms: number): void {
    this.now += ms;
  }
}

