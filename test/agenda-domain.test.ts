import { beforeEach, describe, expect, it } from 'vitest';
import { AGENDA_ERRORS } from '../src-shared/features/agenda/decide-control.js';
import { SPEAK_REFUSALS } from '../src-shared/refusals.js';
import { formatClock, remainingAt, timerState } from '../src-shared/features/agenda/timer.js';
import { boardAgenda, boardSpeaking, deskAgenda, mySpeaking } from '../src-shared/features/agenda/views.js';
import type { Decision } from '../src-shared/decide-phone.js';
import { verifyChain } from '../src-shared/hash-chain.js';
import { fold } from '../src-shared/fold.js';
import { Meeting } from './helpers/agenda-meeting.js';
import { verifyArchive, buildArchive } from '../src-shared/minutes/archive.js';

let m: Meeting;
beforeEach(() => {
  m = new Meeting();
});

const refusal = (d: Decision): string => (d.ok ? 'accepted' : d.reason);
const error = (r: ReturnType<Meeting['control']>): string => (r.ok ? 'accepted' : r.error);

describe('agenda items', () => {
  it('adds, edits, reorders and removes items; the fold of the log gives the same agenda', () => {
    const a = m.do('addItem', { title: 'Minutes of last meeting', publicComment: false });
    const b = m.do('addItem', { title: 'Budget', description: 'The 2027 budget', speakingSeconds: 120 });
    const c = m.do('addItem', { title: 'Parks' });
    expect(m.state.agenda.order).toEqual([a, b, c]);
    expect(m.state.agenda.items.get(c)!.speakingMs).toBe(180_000); // 3:00 by default
    m.do('editItem', { itemId: b, title: 'Budget 2027', maxSpeakers: 5 });
    expect(m.state.agenda.items.get(b)).toMatchObject({ title: 'Budget 2027', description: 'The 2027 budget', speakingMs: 120_000, maxSpeakers: 5 });
    m.do('moveItem', { itemId: c, index: 0 });
    expect(m.state.agenda.order).toEqual([c, a, b]);
    m.do('moveItem', { itemId: c, index: 99 });
    expect(m.state.agenda.order).toEqual([a, b, c]);
    m.do('removeItem', { itemId: a });
    expect(m.state.agenda.order).toEqual([b, c]);
    expect(JSON.stringify(boardAgenda(fold(m.events)))).toBe(JSON.stringify(boardAgenda(m.state)));
  });

  it('an edit that changes nothing records nothing; limits and unknown items are refused with a reason', () => {
    const a = m.do('addItem', { title: 'Budget' });
    const before = m.events.length;
    m.do('editItem', { itemId: a, title: 'Budget' });
    expect(m.events.length).toBe(before);
    expect(error(m.control('addItem', { title: 'x'.repeat(121) }))).toBe('An agenda item’s title can be at most 120 characters.');
    expect(error(m.control('addItem', { title: '  ' }))).toBe('Give the agenda item a title.');
    expect(error(m.control('addItem', { title: 'T', description: 'd'.repeat(501) }))).toBe('A description can be at most 500 characters.');
    expect(error(m.control('addItem', { title: 'T', speakingSeconds: 5 }))).toBe('Speaking time is at least 10 seconds.');
    expect(error(m.control('editItem', { itemId: 'nope00', title: 'T' }))).toBe(AGENDA_ERRORS.noItem);
    expect(error(m.control('setCurrentItem', { itemId: 'nope00' }))).toBe(AGENDA_ERRORS.noItem);
    for (let i = 1; i < 100; i++) m.do('addItem', { title: `Item ${i}` });
    expect(error(m.control('addItem', { title: 'One too many' }))).toBe(AGENDA_ERRORS.tooManyItems);
  });

  it('the current item has a start and an end; questions are filed under it and can be moved', () => {
    const a = m.do('addItem', { title: 'Budget' });
    const b = m.do('addItem', { title: 'Parks' });
    m.append('device:d1', [{ type: 'question.asked', questionId: 'quest0', deviceId: 'd1', requestId: 'x0', text: 'Before', name: '', approved: true }]);
    m.tick(1000);
    m.do('setCurrentItem', { itemId: a });
    m.append('device:d1', [{ type: 'question.asked', questionId: 'quest1', deviceId: 'd1', requestId: 'x1', text: 'Q', name: '', approved: true }]);
    m.tick(60_000);
    m.do('setCurrentItem', { itemId: b });
    const items = m.state.agenda.items;
    expect(items.get(a)!.startedAt).toBe(m.now - 60_000);
    expect(items.get(a)!.endedAt).toBe(m.now);
    expect(items.get(b)!.startedAt).toBe(m.now);
    expect(m.state.agenda.questionItems.get('quest0')).toBeUndefined();
    expect(m.state.agenda.questionItems.get('quest1')).toBe(a);
    m.do('moveQuestion', { questionId: 'quest1', itemId: b });
    expect(m.state.agenda.questionItems.get('quest1')).toBe(b);
    m.do('moveQuestion', { questionId: 'quest1', itemId: null });
    expect(m.state.agenda.questionItems.has('quest1')).toBe(false);
    expect(error(m.control('moveQuestion', { questionId: 'nope00', itemId: a }))).toBe(AGENDA_ERRORS.noQuestion);
    expect(error(m.control('removeItem', { itemId: b }))).toBe(AGENDA_ERRORS.itemCurrent);
  });

  it('an item whose speakers were called stays; a removed item takes its waiting speakers and question filing along', () => {
    const a = m.do('addItem', { title: 'Budget' });
    const b = m.do('addItem', { title: 'Parks' });
    m.do('setCurrentItem', { itemId: a });
    m.speak('d1', a);
    m.do('callSpeaker', {});
    m.do('setCurrentItem', { itemId: b });
    expect(error(m.control('removeItem', { itemId: a }))).toBe(AGENDA_ERRORS.itemSpoken);
    m.speak('d2', b);
    m.append('device:d1', [{ type: 'question.asked', questionId: 'quest1', deviceId: 'd1', requestId: 'x1', text: 'Q', name: '', approved: true }]);
    m.do('setCurrentItem', { itemId: null });
    m.do('removeItem', { itemId: b });
    expect([...m.state.agenda.speakers.values()].find((s) => s.deviceId === 'd2')!.status).toBe('removed');
    expect(m.state.agenda.questionItems.has('quest1')).toBe(false);
  });
});

describe('asking to speak (phone)', () => {
  it('signs up with an optional name, a subject and the interpreter flag; withdraws before being called', () => {
    const a = m.do('addItem', { title: 'Budget', speakingSeconds: 120 });
    expect(refusal(m.speak('d1', a, { name: 'Ana', subject: 'Library hours', interpreter: true }))).toBe('accepted');
    expect(refusal(m.speak('d2', a))).toBe('accepted');
    const [s1, s2] = [...m.state.agenda.speakers.values()];
    expect(s1).toMatchObject({ name: 'Ana', subject: 'Library hours', interpreter: true, allowedMs: 240_000, number: 1, status: 'waiting' });
    expect(s2).toMatchObject({ name: '', number: 2 });
    expect(deskAgenda(m.state, () => 'Phone')!.items[0]!.waiting).toBe(2);
    expect(mySpeaking(m.state.agenda, 'd2')[0]).toMatchObject({ place: 2, status: 'waiting' });
    expect(refusal(m.phone('d1', { kind: 'unspeak', id: 'unspeak1', itemId: a }))).toBe('accepted');
    expect(m.state.agenda.speakers.get(s1!.id)!.status).toBe('withdrawn');
    expect(mySpeaking(m.state.agenda, 'd2')[0]!.place).toBe(1);
    // After withdrawing, the phone may sign up again.
    expect(refusal(m.speak('d1', a))).toBe('accepted');
  });

  it('numbers unnamed speakers as the room sees them: one who withdrew before being called leaves no gap', () => {
    // Issue 17: the first speaker called was "Speaker 2" because a withdrawn sign-up kept number 1.
    const a = m.do('addItem', { title: 'Budget' });
    m.do('setCurrentItem', { itemId: a });
    m.speak('d1', a);
    m.speak('d2', a);
    m.speak('d3', a);
    expect(refusal(m.phone('d1', { kind: 'unspeak', id: 'unspeak1', itemId: a }))).toBe('accepted');
    expect(boardSpeaking(m.state)!.next.map((s) => s.label)).toEqual(['Speaker 1', 'Speaker 2']);
    m.do('callSpeaker', {});
    expect(boardSpeaking(m.state)!.floor).toMatchObject({ label: 'Speaker 1' });
    // The one on the floor keeps the number the room saw; a later sign-up follows on.
    m.speak('d4', a);
    expect(boardSpeaking(m.state)!.next.map((s) => s.label)).toEqual(['Speaker 2', 'Speaker 3']);
    // A speaker removed from the line before being called: those behind move up, the called one stays.
    const d3 = m.state.agenda.items.get(a)!.queue[0]!;
    m.do('endSpeaker', { speakerId: d3, as: 'removed' });
    expect(boardSpeaking(m.state)!.floor).toMatchObject({ label: 'Speaker 1' });
    expect(boardSpeaking(m.state)!.next.map((s) => s.label)).toEqual(['Speaker 2']);
  });

  it('a phone that joined through the relay is not in the hall: asking to speak is refused, its written comment is not (issue 20)', () => {
    const a = m.do('addItem', { title: 'Budget' });
    m.do('setCurrentItem', { itemId: a });
    m.append('device:home1', [{ type: 'device.joined', deviceId: 'home1', via: 'relay' }]);
    m.append('device:hall1', [{ type: 'device.joined', deviceId: 'hall1' }]);
    expect(refusal(m.speak('home1', a))).toBe(SPEAK_REFUSALS.inRoomOnly);
    expect(refusal(m.speak('hall1', a))).toBe('accepted');
    expect(refusal(m.phone('home1', { kind: 'comment', id: 'comment1', itemId: a, text: 'From home.' }))).toBe('accepted');
    // The rule is the log's: the state folded again from the events refuses the same.
    expect(fold(m.events).remoteDevices.has('home1')).toBe(true);
  });

  it('a full list says so on the board (not "sign-up closed")', () => {
    const a = m.do('addItem', { title: 'Budget', maxSpeakers: 1 });
    expect(boardAgenda(m.state)!.items[0]).toMatchObject({ signupOpen: true });
    expect(boardAgenda(m.state)!.items[0]!.listFull).toBeUndefined();
    m.speak('d1', a);
    expect(boardAgenda(m.state)!.items[0]).toMatchObject({ signupOpen: false, listFull: true });
    m.do('setSignup', { itemId: a, open: false });
    expect(boardAgenda(m.state)!.items[0]!.listFull).toBeUndefined();
  });

  it('refuses: no public comment, sign-up closed, a second sign-up, a full list, a long subject, unknown item, a closed session', () => {
    const noComment = m.do('addItem', { title: 'Minutes', publicComment: false });
    const a = m.do('addItem', { title: 'Budget', maxSpeakers: 2 });
    expect(refusal(m.speak('d1', noComment))).toBe(SPEAK_REFUSALS.noPublicComment);
    expect(refusal(m.speak('d1', 'nope00'))).toBe(SPEAK_REFUSALS.unknownItem);
    expect(refusal(m.speak('d1', a, { subject: 's'.repeat(121) }))).toBe('A subject can be at most 120 characters.');
    expect(refusal(m.speak('d1', a, { subject: 's'.repeat(120) }))).toBe('accepted');
    expect(refusal(m.speak('d1', a))).toBe(SPEAK_REFUSALS.alreadySignedUp);
    m.do('setSignup', { itemId: a, open: false });
    expect(boardAgenda(m.state)!.items[1]!.signupOpen).toBe(false);
    expect(refusal(m.speak('d2', a))).toBe(SPEAK_REFUSALS.signupClosed);
    m.do('setSignup', { itemId: a, open: true });
    expect(refusal(m.speak('d2', a))).toBe('accepted');
    expect(refusal(m.speak('d3', a))).toBe(SPEAK_REFUSALS.full);
    // The facilitator can still add a walk-in.
    expect(error(m.control('addSpeaker', { itemId: a, name: 'Walk-in' }))).toBe('accepted');
    expect(refusal(m.phone('d3', { kind: 'unspeak', id: 'unspeak1', itemId: a }))).toBe(SPEAK_REFUSALS.notSignedUp);
    m.append('facilitator', [{ type: 'session.closed' }]);
    expect(refusal(m.speak('d4', noComment))).toBe('The session has closed.');
  });

  it('a called speaker can no longer withdraw from the phone', () => {
    const a = m.do('addItem', { title: 'Budget' });
    m.do('setCurrentItem', { itemId: a });
    m.speak('d1', a);
    m.do('callSpeaker', {});
    expect(refusal(m.phone('d1', { kind: 'unspeak', id: 'unspeak1', itemId: a }))).toBe(SPEAK_REFUSALS.alreadyCalled);
    expect(refusal(m.speak('d1', a))).toBe(SPEAK_REFUSALS.alreadySignedUp);
  });
});

describe('the speaker queue (facilitator)', () => {
  it('walk-ins, reorder, call next, absent, remove, done; the board shows the floor and the next three', () => {
    const a = m.do('addItem', { title: 'Budget' });
    m.speak('d1', a, { name: 'Ana' });
    m.speak('d2', a);
    const walk = m.do('addSpeaker', { itemId: a, name: '', subject: 'Road safety' });
    m.speak('d3', a);
    m.speak('d4', a);
    expect(error(m.control('callSpeaker', {}))).toBe(AGENDA_ERRORS.noCurrent);
    m.do('setCurrentItem', { itemId: a });
    m.do('moveSpeaker', { speakerId: walk, index: 0 });
    let board = boardSpeaking(m.state)!;
    expect(board.next.map((s) => s.label)).toEqual(['Speaker 3', 'Ana', 'Speaker 2']);
    const called = m.do('callSpeaker', {});
    expect(called).toBe(walk);
    board = boardSpeaking(m.state)!;
    expect(board.floor).toMatchObject({ label: 'Speaker 3', subject: 'Road safety' });
    expect(board.next.map((s) => s.label)).toEqual(['Ana', 'Speaker 2', 'Speaker 4']);
    // Calling the next ends the one on the floor.
    m.tick(10_000);
    m.do('callSpeaker', {});
    expect(m.state.agenda.speakers.get(walk)!.status).toBe('done');
    const ana = m.state.agenda.floor!;
    m.do('endSpeaker', { speakerId: ana, as: 'absent' });
    expect(m.state.agenda.floor).toBeNull();
    const d2 = m.state.agenda.items.get(a)!.queue[0]!;
    m.do('endSpeaker', { speakerId: d2, as: 'removed' });
    expect(m.state.agenda.speakers.get(d2)!.status).toBe('removed');
    const d3 = m.do('callSpeaker', {});
    expect(error(m.control('endSpeaker', { speakerId: d3, as: 'removed' }))).toBe(AGENDA_ERRORS.onFloorRemove);
    m.do('endSpeaker', { speakerId: d3, as: 'done' });
    expect(error(m.control('endSpeaker', { speakerId: d3, as: 'done' }))).toBe(AGENDA_ERRORS.alreadyEnded);
    expect(error(m.control('callSpeaker', { speakerId: d3 }))).toBe(AGENDA_ERRORS.notWaiting);
    m.do('callSpeaker', {});
    expect(error(m.control('callSpeaker', {}))).toBe(AGENDA_ERRORS.nobodyWaiting);
    const desk = deskAgenda(m.state, (d) => `Phone ${d.slice(1)}`)!;
    expect(desk.items[0]!.spoken.map((s) => [s.label, s.device, s.status])).toEqual([
      ['Speaker 3', 'Walk-in', 'done'],
      ['Ana', 'Phone 1', 'absent'],
      ['Speaker 4', 'Phone 3', 'done'],
      ['Speaker 5', 'Phone 4', 'floor'],
    ]);
  });

  it('calling a speaker of another item makes that item current', () => {
    const a = m.do('addItem', { title: 'Budget' });
    const b = m.do('addItem', { title: 'Parks' });
    m.do('setCurrentItem', { itemId: a });
    m.speak('d1', b);
    const s = m.state.agenda.items.get(b)!.queue[0]!;
    m.do('callSpeaker', { speakerId: s });
    expect(m.state.agenda.current).toBe(b);
  });
});

describe('the timer', () => {
  function onFloor(interpreter = false): string {
    const a = m.do('addItem', { title: 'Budget', speakingSeconds: 60 });
    m.do('setCurrentItem', { itemId: a });
    m.speak('d1', a, { interpreter });
    return m.do('callSpeaker', {});
  }

  it('start, pause, resume, +30 s, stop: facts in host time, and the time used', () => {
    const s = onFloor();
    expect(m.state.agenda.timer).toBeNull();
    m.do('timer', { action: 'toggle' });
    const t0 = m.now;
    expect(m.state.agenda.timer).toMatchObject({ speakerId: s, allowedMs: 60_000, remainingMs: 60_000, runningSince: t0 });
    m.tick(20_000);
    expect(remainingAt(m.state.agenda.timer!, m.now)).toBe(40_000);
    m.do('timer', { action: 'toggle' }); // pause
    expect(m.state.agenda.timer).toMatchObject({ remainingMs: 40_000, runningSince: null });
    m.tick(100_000); // paused time does not count
    expect(remainingAt(m.state.agenda.timer!, m.now)).toBe(40_000);
    m.do('timer', { action: 'toggle' }); // resume
    m.do('timer', { action: 'extend' });
    expect(m.state.agenda.timer).toMatchObject({ allowedMs: 90_000, remainingMs: 70_000 });
    m.tick(75_000);
    const left = remainingAt(m.state.agenda.timer!, m.now);
    expect(left).toBe(-5000);
    expect([formatClock(left), timerState(left)]).toEqual(['+0:05', 'overtime']);
    m.do('timer', { action: 'stop' });
    expect(m.state.agenda.timer).toBeNull();
    const speaker = m.state.agenda.speakers.get(s)!;
    expect(speaker.usedMs).toBe(95_000);
    expect(speaker.extendedMs).toBe(30_000);
    // The same facts come out of the log alone.
    expect(fold(m.events).agenda.speakers.get(s)!.usedMs).toBe(95_000);
  });

  it('doubles the time of a speaker with an interpreter; reset goes back to the full time, paused', () => {
    onFloor(true);
    m.do('timer', { action: 'start' });
    expect(m.state.agenda.timer!.allowedMs).toBe(120_000);
    m.tick(30_000);
    m.do('timer', { action: 'extend' });
    m.do('timer', { action: 'reset' });
    expect(m.state.agenda.timer).toMatchObject({ allowedMs: 120_000, remainingMs: 120_000, runningSince: null });
    expect([...m.state.agenda.speakers.values()][0]!.extendedMs).toBe(0);
  });

  it('the speaker done ends the timer and keeps the time used; a general timer belongs to nobody', () => {
    const s = onFloor();
    m.do('timer', { action: 'start' });
    m.tick(42_000);
    m.do('endSpeaker', { speakerId: s, as: 'done' });
    expect(m.state.agenda.speakers.get(s)!.usedMs).toBe(42_000);
    expect(m.state.agenda.timer).toBeNull();
    m.do('timer', { action: 'start', seconds: 600 });
    expect(m.state.agenda.timer).toMatchObject({ speakerId: null, allowedMs: 600_000 });
    m.tick(1000);
    m.append('facilitator', [{ type: 'session.closed' }]);
    expect(m.state.agenda.timer).toBeNull();
  });

  it('closing the session ends the speech on the floor and counts its time', () => {
    const s = onFloor();
    m.do('timer', { action: 'start' });
    m.tick(12_000);
    m.append('facilitator', [{ type: 'session.closed' }]);
    expect(m.state.agenda.speakers.get(s)).toMatchObject({ status: 'done', usedMs: 12_000 });
    expect(m.state.agenda.floor).toBeNull();
  });

  it('refuses what cannot be timed, and pausing twice is a no-op', () => {
    m.do('addItem', { title: 'Budget' });
    expect(error(m.control('timer', { action: 'start' }))).toBe(AGENDA_ERRORS.nothingToTime);
    expect(error(m.control('timer', { action: 'pause' }))).toBe(AGENDA_ERRORS.noTimer);
    expect(error(m.control('timer', { action: 'extend' }))).toBe(AGENDA_ERRORS.noTimer);
    expect(error(m.control('timer', { action: 'start', seconds: 0 }))).toBe('A timer runs at least 1 second.');
    m.do('timer', { action: 'start', seconds: 60 });
    m.do('timer', { action: 'pause' });
    const n = m.events.length;
    m.do('timer', { action: 'pause' });
    expect(m.events.length).toBe(n);
  });

  it('formats mm:ss counting whole seconds up, and the warning in the last 30 s', () => {
    expect(formatClock(180_000)).toBe('3:00');
    expect(formatClock(179_001)).toBe('3:00');
    expect(formatClock(161_000)).toBe('2:41');
    expect(formatClock(0)).toBe('+0:00');
    expect(timerState(30_001)).toBe('normal');
    expect(timerState(30_000)).toBe('warning');
    expect(timerState(1)).toBe('warning');
  });
});

describe('the record', () => {
  it('a session without an agenda has no agenda on the board', () => {
    expect(boardAgenda(m.state)).toBeNull();
    expect(boardSpeaking(m.state)).toBeNull();
    expect(deskAgenda(m.state, () => 'Phone')).toBeNull();
  });

  it('the hash chain and the archive check cover every agenda event', () => {
    const a = m.do('addItem', { title: 'Budget' });
    m.do('setCurrentItem', { itemId: a });
    m.speak('d1', a);
    m.do('addSpeaker', { itemId: a });
    m.do('callSpeaker', {});
    m.do('timer', { action: 'start' });
    m.do('timer', { action: 'extend' });
    m.do('timer', { action: 'stop' });
    m.do('setSignup', { itemId: a, open: false });
    expect(verifyChain(m.events).ok).toBe(true);
    const check = verifyArchive(JSON.parse(JSON.stringify(buildArchive(m.events, m.now))));
    expect(check.ok).toBe(true);
  });
});
