import type { AgendaCommand } from '../../src-shared/features/agenda/control.js';
import { decideControl } from '../../src-shared/decide-control.js';
import { ruleContext } from './rule-context.js';
import { controlInputs, type ControlInput, type ControlParsedInput } from '../../src-shared/control.js';
import { decidePhoneRequest, type Decision } from '../../src-shared/decide-phone.js';
import type { Actor, EventBody, LoggedEvent } from '../../src-shared/events.js';
import { chainEvent } from '../../src-shared/hash-chain.js';
import { parsePhoneRequest, type PhoneRequestDraft } from '../../src-shared/requests.js';
import { type SessionState } from '../../src-shared/state.js';
import { applyEvent, fold } from '../../src-shared/fold.js';

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
    const d = decideControl(ruleContext(this.state, { newId: this.newId }), command, parsed.data as ControlParsedInput<K>);
    if (!d.ok) return d;
    this.append('facilitator', d.events);
    return { ok: true, events: d.events, id: agendaId(d.value) };
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


/** The id an agenda command's answer names (an item's, a speaker's, a question's), or null. */
function agendaId(value: unknown): string | null {
  for (const key of ['itemId', 'speakerId', 'questionId'] as const) if (typeof value === 'object' && value !== null && key in value) return (value as Record<typeof key, string | null>)[key];
  return null;
}
