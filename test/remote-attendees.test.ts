import { describe, expect, it } from 'vitest';
import { linkWatch } from '../src-main/host/relay-access.js';
import { REMOTE_ATTENDEES_RULES } from '../src-shared/features/remote-attendees/decide-control.js';
import { applyEvent } from '../src-shared/fold.js';
import { emptyState } from '../src-shared/state.js';
import { remoteJoinLink } from '../src-shared/venue.js';
import type { Actor, EventBody, LoggedEvent } from '../src-shared/events.js';
import { chainEvent } from '../src-shared/hash-chain.js';
import { buildMinutes } from '../src-shared/minutes/build.js';
import { renderMinutesMarkdown } from '../src-shared/minutes/markdown.js';
import { minutesText } from '../src-shared/minutes/wording.js';
import { ruleContext } from './helpers/rule-context.js';

describe('the remote join link, from the relay address', () => {
  it('wss becomes https and ws becomes http, on the relay host, at /j/<CODE>', () => {
    expect(remoteJoinLink('wss://relay.example.org', 'K7M2QX')).toBe('https://relay.example.org/j/K7M2QX');
    expect(remoteJoinLink('wss://relay.example.org/some/path?x=1', 'K7M2QX')).toBe('https://relay.example.org/j/K7M2QX');
    expect(remoteJoinLink('ws://127.0.0.1:4444', 'ABC123')).toBe('http://127.0.0.1:4444/j/ABC123');
    expect(remoteJoinLink('WSS://Relay.Example.ORG:8443/', 'ABC123')).toBe('https://relay.example.org:8443/j/ABC123');
    expect(remoteJoinLink('  wss://relay.example.org  ', 'ABC123')).toBe('https://relay.example.org/j/ABC123');
  });

  it('drops credentials in the address and refuses what is not a relay address', () => {
    expect(remoteJoinLink('wss://user:pw@relay.example.org', 'ABC123')).toBe('https://relay.example.org/j/ABC123');
    expect(remoteJoinLink('https://relay.example.org', 'ABC123')).toBeNull();
    expect(remoteJoinLink('relay.example.org', 'ABC123')).toBeNull();
    expect(remoteJoinLink('wss://', 'ABC123')).toBeNull();
    expect(remoteJoinLink(`wss://${'a'.repeat(3000)}`, 'ABC123')).toBeNull();
  });
});

describe('the switch as a rule and a fold', () => {
  it('on by default; a change is recorded, the same value is not; every change is kept for the minutes', () => {
    const state = emptyState();
    expect(state.remoteAttendees.open).toBe(true);
    expect(REMOTE_ATTENDEES_RULES.setRemoteAttendees(ruleContext(state), { open: true })).toEqual({ ok: true, events: [], value: { open: true } });
    const off = REMOTE_ATTENDEES_RULES.setRemoteAttendees(ruleContext(state), { open: false });
    expect(off).toEqual({ ok: true, events: [{ type: 'remoteAttendees.set', open: false }], value: { open: false } });
    applyEvent(state, { seq: 1, at: 1000, body: { type: 'remoteAttendees.set', open: false }, hash: 'h1' });
    applyEvent(state, { seq: 2, at: 2000, body: { type: 'remoteAttendees.set', open: true }, hash: 'h2' });
    expect(state.remoteAttendees).toEqual({ open: true, changes: [{ at: 1000, open: false }, { at: 2000, open: true }] });
  });
});

describe('the link watch (since when the relay link is up or down)', () => {
  it('moves only on a change, and counts the drops', () => {
    let now = 100;
    const w = linkWatch(() => now);
    expect([w.since(), w.drops()]).toEqual([100, 0]);
    now = 200;
    w.onConnected(false);
    expect([w.since(), w.drops()]).toEqual([100, 0]);
    w.onConnected(true);
    expect(w.since()).toBe(200);
    now = 300;
    w.onConnected(true);
    expect(w.since()).toBe(200);
    w.onConnected(false);
    expect([w.since(), w.drops()]).toEqual([300, 1]);
  });
});

describe('the minutes of a meeting that switched remote attendees', () => {
  const T0 = Date.UTC(2025, 2, 1, 18, 0, 0); // 19:00 in Europe/Madrid
  const MIN = 60_000;
  const events: LoggedEvent[] = [];
  for (const [m, actor, body] of [
    [0, 'facilitator', { type: 'session.created', sessionId: 'sess-remote1', title: 'Hybrid plenary', place: 'Town hall', timeZone: 'Europe/Madrid' }],
    [1, 'facilitator', { type: 'session.opened' }],
    [2, 'host', { type: 'device.joined', deviceId: 'dev-a', via: 'relay' }],
    [20, 'facilitator', { type: 'remoteAttendees.set', open: false }],
    [35, 'facilitator', { type: 'remoteAttendees.set', open: true }],
    [40, 'facilitator', { type: 'session.closed' }],
  ] as Array<[number, Actor, EventBody]>) {
    events.push(chainEvent(events.at(-1) ?? null, T0 + m * MIN, actor, body));
  }

  it('say when remote participation was closed and opened, in Markdown and in the PDF/DOCX wording, in English and Spanish', () => {
    const en = buildMinutes(events, { locale: 'en-GB', generatedAt: T0 + 50 * MIN });
    expect(en.participation.remoteAttendance).toEqual([
      { at: T0 + 20 * MIN, open: false },
      { at: T0 + 35 * MIN, open: true },
    ]);
    expect(renderMinutesMarkdown(en)).toContain('- **Remote participation:** Closed at 19:20; opened at 19:35\n');
    expect(minutesText(en).facts).toContainEqual(['Remote participation', 'Closed at 19:20; opened at 19:35']);
    const es = buildMinutes(events, { locale: 'es-ES', generatedAt: T0 + 50 * MIN });
    expect(minutesText(es).facts).toContainEqual(['Participación a distancia', 'Cerrada a las 19:20; abierta a las 19:35']);
  });

  it('say nothing of it when the switch was never used', () => {
    const untouched = events.filter((e) => e.body.type !== 'remoteAttendees.set');
    const md = renderMinutesMarkdown(buildMinutes(untouched, { locale: 'en-GB', generatedAt: T0 + 50 * MIN }));
    expect(md).not.toContain('Remote participation');
  });
});
