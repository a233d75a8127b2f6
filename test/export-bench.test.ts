/**
 * Minutes export benchmark (docs/BENCHMARKS.md, "Minutes export"): a long session — 1000 questions,
 * 20,000 votes — rendered to PDF and DOCX, three runs each, median printed. Only runs with BENCH_EXPORT=1:
 *   BENCH_EXPORT=1 npx vitest run test/export-bench.test.ts
 * BENCH_PROFILE=dir also writes a V8 CPU profile of each format's runs there (open in Chrome DevTools).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Minutes, MinutesQuestion } from '../src-shared/minutes/model.js';
import { renderMinutesDocx } from '../src-main/host/export/docx.js';
import { renderMinutesPdf } from '../src-main/host/export/pdf.js';
import { exportSession } from '../src-main/host/export/export-session.js';
import { SessionLog } from '../src-main/host/store/session-log.js';
import { Store } from '../src-main/host/store/store.js';
import { decideControl } from '../src-shared/decide-control.js';
import { decidePhoneRequest } from '../src-shared/decide-phone.js';
import { newId } from '../src-shared/ids.js';
import type { PhoneRequest } from '../src-shared/requests.js';
import { ruleContext } from './helpers/rule-context.js';

const QUESTIONS = 1000;
const VOTES = 20_000;
const T0 = Date.UTC(2025, 2, 4, 17, 0, 0);

const WORDS = 'budget road school park library council tax bus bike lane noise housing water street light plan public meeting'.split(' ');

function longSession(): Minutes {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const span = 4 * 3_600_000;
  const votes = Array.from({ length: QUESTIONS }, () => 0);
  for (let v = 0; v < VOTES; v++) votes[Math.floor(rnd() ** 2 * QUESTIONS)]! += 1;
  const questions: MinutesQuestion[] = votes.map((n, i) => {
    const askedAt = T0 + Math.floor((i / QUESTIONS) * span);
    const kind = i % 5;
    const len = 8 + Math.floor(rnd() * 30);
    const text = `${Array.from({ length: len }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ')}?${i % 50 === 0 ? ' Größe 漢字 🎉 שלום' : ''}`;
    return {
      number: i + 1,
      id: `q${i}`,
      text,
      name: i % 3 === 0 ? `Resident ${i}` : '',
      askedAt,
      votes: n,
      outcome: kind === 0 ? 'answered-live' : kind === 1 ? 'answered-in-writing' : 'open',
      answeredAt: kind <= 1 ? askedAt + 600_000 : null,
      reply: kind === 1 ? 'A written reply from the council office explaining the plan in a few sentences.' : null,
      floorAt: kind === 0 || kind === 2 ? askedAt + 300_000 : null,
    };
  });
  const followUp = questions.filter((q) => q.outcome === 'open').sort((a, b) => b.votes - a.votes);
  const bucketMinutes = 10;
  const timeline = Array.from({ length: 24 }, (_, i) => ({ start: T0 + i * bucketMinutes * 60_000, questions: 0, votes: 0 }));
  questions.forEach((q) => {
    const b = timeline[Math.min(23, Math.floor((q.askedAt - T0) / (bucketMinutes * 60_000)))]!;
    b.questions += 1;
    b.votes += q.votes;
  });
  return {
    session: { id: 'bench', title: 'Long session', place: 'Hall', facilitator: '', timeZone: 'Europe/Berlin', status: 'closed', createdAt: T0, openedAt: T0, closedAt: T0 + span },
    locale: 'en-GB',
    generatedAt: T0 + span,
    questions,
    moderation: { hidden: 20, withdrawn: 10, pending: 0 },
    participation: {
      devicesJoined: 500,
      peakConnected: 450,
      paperCodes: null,
      shareAsked: 0.6,
      shareVoted: 0.9,
      questionsAsked: 1030,
      questionsApproved: QUESTIONS,
      answeredLive: 200,
      answeredInWriting: 200,
      questionsOpen: 600,
      medianMinutesToAnswer: 10,
      votesCast: VOTES,
      bucketMinutes,
      timeline,
    },
    followUp,
    log: { events: 1 + 500 + 1030 + VOTES + 400, finalHash: 'f'.repeat(64) },
  };
}

async function time(fn: () => Promise<Uint8Array>): Promise<{ ms: number; bytes: number }> {
  const t = performance.now();
  const out = await fn();
  return { ms: performance.now() - t, bytes: out.length };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describe.runIf(process.env.BENCH_EXPORT === '1')('minutes export benchmark', () => {
  it('renders a 1000-question, 20,000-vote session to PDF and DOCX', async () => {
    const m = longSession();
    for (const [name, fn] of [
      ['pdf', () => renderMinutesPdf(m)],
      ['docx', () => renderMinutesDocx(m)],
    ] as const) {
      const runs = [];
      const profileDir = process.env.BENCH_PROFILE;
      const session = profileDir ? new Session() : null;
      if (session) {
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.start');
      }
      for (let i = 0; i < 3; i++) runs.push(await time(fn));
      if (session && profileDir) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(join(profileDir, `export-${name}.cpuprofile`), JSON.stringify(profile));
        session.disconnect();
      }
      const ms = median(runs.map((r) => r.ms));
      console.log(`${name}: ${runs.map((r) => r.ms.toFixed(0)).join(' / ')} ms (median ${ms.toFixed(0)} ms), ${(runs[0]!.bytes / 1024).toFixed(0)} KiB`);
      expect(runs[0]!.bytes).toBeGreaterThan(10_000);
    }
  }, 120_000);
});

/**
 * The same size of session generated THROUGH THE LOG'S RULES: 200 devices join, ask (5 each) and vote
 * (100 each) through the pure decide functions and the hash-chained log, in one commit; the moderator
 * answers some live and some in writing. Then the whole export path (read the log, fold, build the
 * minutes, render) is timed, as `open-floor export` runs it.
 */
describe.runIf(process.env.BENCH_EXPORT === '1')('minutes export of a long session generated through the log', () => {
  it('exports 1000 questions and 20,000 votes to PDF and DOCX', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'open-floor-bench-'));
    try {
      const t0 = performance.now();
      const writer = new Store(dataDir);
      const id = newId();
      writer.createSession({ id, createdAt: Date.now(), title: 'Long session through the log', joinCode: 'ABCDEF', secret: 'bench' });
      const log = new SessionLog(writer, id);
      const questionIds: string[] = [];
      const committed = log.commit(() => {
        log.append('facilitator', [
          { type: 'session.created', sessionId: id, title: 'Long session through the log', place: 'Town hall', timeZone: 'UTC' },
          { type: 'settings.changed', premoderation: false },
          { type: 'session.opened' },
        ]);
        const devices = Array.from({ length: 200 }, () => newId());
        for (const deviceId of devices) log.append('host', [{ type: 'device.joined', deviceId }]);
        const phone = (deviceId: string, request: PhoneRequest) => {
          const decision = decidePhoneRequest(log.state, deviceId, request, newId);
          if (!decision.ok) throw new Error(`refused: ${decision.reason}`);
          log.append(`device:${deviceId}`, decision.events);
          return decision.questionId;
        };
        let n = 0;
        for (const d of devices) {
          for (let i = 0; i < 5; i++) {
            const text = `${WORDS.slice(0, 6 + ((n * 7) % 12)).join(' ')} ${n}?${n % 50 === 0 ? ' Größe 漢字 🎉 שלום' : ''}`;
            questionIds.push(phone(d, { kind: 'ask', id: `ask-${++n}`, text, ...(n % 3 === 0 ? { name: `Resident ${n}` } : {}) })!);
          }
        }
        devices.forEach((d, k) => {
          for (let v = 0; v < 100; v++) {
            const q = questionIds[(k * 5 + v * 7) % questionIds.length]!; // 100 distinct questions per device
            phone(d, { kind: 'vote', id: `vote-${k}-${v}`, questionId: q });
          }
        });
        questionIds.forEach((questionId, i) => {
          const input = i % 5 === 0 ? { questionId } : i % 5 === 1 ? { questionId, reply: 'A written reply from the council office.' } : null;
          if (!input) return;
          const decision = decideControl(ruleContext(log.state), 'markAnswered', input);
          if (!decision.ok) throw new Error(decision.error);
          log.append('facilitator', decision.events);
        });
      });
      if (!committed.ok) throw committed.error;
      writer.close();
      const generated = performance.now() - t0;
      const store = new Store(dataDir, { readOnly: true });
      const votes = store.events(id).filter((e) => e.body.type === 'vote.cast').length;
      console.log(`generated through the log: ${questionIds.length} questions, ${votes} votes in ${generated.toFixed(0)} ms`);
      expect(questionIds).toHaveLength(1000);
      expect(votes).toBe(20_000);
      for (const format of ['pdf', 'docx'] as const) {
        const runs: number[] = [];
        let bytes = 0;
        for (let i = 0; i < 3; i++) {
          const t = performance.now();
          bytes = (await exportSession(store, id, format)).data.length;
          runs.push(performance.now() - t);
        }
        console.log(`${format} via exportSession: ${runs.map((r) => r.toFixed(0)).join(' / ')} ms (median ${median(runs).toFixed(0)} ms), ${(bytes / 1024).toFixed(0)} KiB`);
        expect(bytes).toBeGreaterThan(10_000);
      }
      store.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
