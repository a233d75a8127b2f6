import { ask, boardItem, openPhone, upvote } from './fixtures/pages.js';
import { expect, test } from './fixtures/test.js';

// Each phone in its own browser context, so y-webrtc cannot shortcut through BroadcastChannel.
test('a WebRTC-only phone and a WebSocket-only phone see each other’s questions and votes', async ({ host, newPhone }) => {
  await host.start(['--session', 'Transports']);
  const { joinUrl } = await host.waitForLine('session-open');
  expect((await host.control('setPremoderation', { on: false })).ok).toBe(true);

  const rtc = await newPhone('Pixel 7');
  // The room's WebSocket to the host is refused: everything must travel over WebRTC via the gateway.
  await rtc.context.routeWebSocket(/\/sync\//, (ws) => ws.close({ code: 1008, reason: 'blocked by test' }));
  const wsOnly = await newPhone('iPhone 14');
  // Signaling is refused: no WebRTC, only the WebSocket.
  await wsOnly.context.routeWebSocket(/\/signal/, (ws) => ws.close({ code: 1008, reason: 'blocked by test' }));

  await openPhone(rtc.page, joinUrl!);
  await openPhone(wsOnly.page, joinUrl!);

  const viaRtc = 'Asked over WebRTC: when will the park reopen?';
  const viaWs = 'Asked over the WebSocket: who decides the budget?';
  await ask(rtc.page, viaRtc);
  await ask(wsOnly.page, viaWs);
  for (const page of [rtc.page, wsOnly.page]) {
    await expect(boardItem(page, viaRtc)).toBeVisible();
    await expect(boardItem(page, viaWs)).toBeVisible();
  }
  await upvote(rtc.page, viaWs).click();
  await upvote(wsOnly.page, viaRtc).click();
  for (const page of [rtc.page, wsOnly.page]) {
    await expect(boardItem(page, viaRtc)).toContainText('1 vote');
    await expect(boardItem(page, viaWs)).toContainText('1 vote');
  }
});
