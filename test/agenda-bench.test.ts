/**
 * Sign-up storm benchmark (docs/BENCHMARKS.md, "Speaker sign-up storm"): PHONES simulated phones (stock
 * y-websocket clients, each joining from its own loopback address) ask to speak on one item at the same
 * moment; then the facilitator calls the next speaker, which moves everyone's place in line. Prints wall
 * times; asserts nothing about speed. Only runs with BENCH_AGENDA=1:
 *   BENCH_AGENDA=1 npx vitest run test/agenda-bench.test.ts
 */
import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { roomParts } from '../src-shared/docs/room-doc.js';
import type { JoinResponse } from '../src-shared/endpoints.js';
import { startTestHost, TestPhone, type TestHost } from './helpers/host-harness.js';

const PHONES = Number(process.env.BENCH_PHONES ?? 200);

function joinFrom(lanOrigin: string, code: string, localAddress: string): Promise<JoinResponse> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ code });
    const req = request(`${lanOrigin}/api/join`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      let data = '';
      res.on('data', (d: Buffer) => (data += d.toString()));
      res.on('end', () => resolve(JSON.parse(data) as JoinResponse));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let host: TestHost | null = null;
const phones: TestPhone[] = [];
afterAll(async () => {
  phones.forEach((p) => p.destroy());
  await host?.stop();
});

describe.runIf(process.env.BENCH_AGENDA === '1')('speaker sign-up storm', () => {
  it(`${PHONES} phones ask to speak at once, then the queue moves`, { timeout: 120_000 }, async () => {
    host = await startTestHost();
    const code = await host.openSession('Storm', false);
    const add = await host.control('addItem', { title: 'Public comment' });
    if (!add.ok) throw new Error(add.error);
    const itemId = add.value.itemId;
    await host.mustControl('setCurrentItem', { itemId });
    for (let i = 0; i < PHONES; i++) {
      const joined = await joinFrom(host.lanOrigin, code, `127.78.${Math.floor(i / 250)}.${(i % 250) + 1}`);
      if (!joined.ok) throw new Error(joined.error);
      const phone = new TestPhone(host.lanOrigin, joined.roomId);
      phones.push(phone);
      await phone.synced();
    }
    const t0 = performance.now();
    const ids = phones.map((p, i) => p.send({ kind: 'speak', itemId, subject: `Subject ${i}` }));
    await Promise.all(phones.map((p, i) => p.until(() => p.receipt(ids[i]!), 60_000)));
    const receipts = performance.now() - t0;
    await Promise.all(phones.map((p) => p.until(() => [...roomParts(p.doc).mySpeaking.values()][0]?.place, 60_000)));
    const places = performance.now() - t0;
    expect(phones.every((p) => p.receipt(ids[phones.indexOf(p)]!)?.ok)).toBe(true);

    const t1 = performance.now();
    await host.mustControl('callSpeaker', {});
    const last = phones.at(-1)!;
    await last.until(() => [...roomParts(last.doc).mySpeaking.values()][0]?.place === PHONES - 1, 60_000);
    const moved = performance.now() - t1;
    await Promise.all(phones.map((p) => p.until(() => p.board().speaking?.floor, 60_000)));
    const board = performance.now() - t1;
    console.log(
      JSON.stringify({ phones: PHONES, allReceiptsMs: Math.round(receipts), allPlacesMs: Math.round(places), callNextLastPlaceMs: Math.round(moved), callNextAllBoardsMs: Math.round(board) }),
    );
  });
});
