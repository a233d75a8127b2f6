import { describe, expect, it } from 'vitest';
import { linkWatch } from '../src-main/host/relay-access.js';
import { REMOTE_ATTENDEES_RULES } from '../src-shared/features/remote-attendees/decide-control.js';
import { applyEvent } from '../src-shared/fold.js';
import { emptyState } from '../src-shared/state.js';
import { remoteJoinLink } from '../src-shared/venue.js';
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
