import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTROL_COMMANDS } from '../src-shared/control.js';
import { CHANNEL_WINDOWS, IPC_CHANNELS, type GatewayConfig } from '../src-shared/shell-api.js';
import { authorize, createIpcHandlers, type IpcDeps } from '../src-main/shell-logic/ipc-handlers.js';

const APP = 'http://127.0.0.1:50000';
const config: GatewayConfig = { hostSyncUrl: 'ws://127.0.0.1:50000/sync', token: 't', signalingUrl: 'ws://127.0.0.1:4321/signal', rooms: [] };

function deps() {
  return {
    control: vi.fn<IpcDeps['control']>(() => ({ ok: true, value: { on: true } })),
    showProjector: vi.fn<IpcDeps['showProjector']>(),
    gatewayConfig: vi.fn<IpcDeps['gatewayConfig']>(() => config),
    reportPeers: vi.fn<IpcDeps['reportPeers']>(),
  } satisfies IpcDeps;
}

describe('IPC handler map (main side of src-shared/shell-api.ts)', () => {
  it('has a handler for every channel of the contract', () => {
    const h = createIpcHandlers(deps());
    expect(Object.keys(h.invoke).sort()).toEqual(['control', 'gatewayStart', 'showProjector']);
    expect(Object.keys(h.send)).toEqual(['gatewayPeers']);
    for (const channel of [...Object.keys(h.invoke), ...Object.keys(h.send)]) {
      expect(CHANNEL_WINDOWS).toHaveProperty(channel);
      expect(IPC_CHANNELS).toHaveProperty(channel);
    }
    expect(new Set(Object.values(IPC_CHANNELS)).size).toBe(Object.keys(IPC_CHANNELS).length);
  });

  it('forwards known control commands to the host and refuses others without calling it', () => {
    const d = deps();
    const h = createIpcHandlers(d);
    for (const command of CONTROL_COMMANDS) h.invoke.control(command, { any: 1 });
    expect(d.control).toHaveBeenCalledTimes(CONTROL_COMMANDS.length);
    expect(d.control).toHaveBeenCalledWith('setPremoderation', { any: 1 });
    d.control.mockClear();
    for (const bad of ['toString', '__proto__', 'constructor', 42, null, 'x'.repeat(1000)]) {
      const result = h.invoke.control(bad, {});
      expect(result).toMatchObject({ ok: false });
    }
    expect(d.control).not.toHaveBeenCalled();
  });

  it('accepts peer reports only for room names and sane counts', () => {
    const d = deps();
    const h = createIpcHandlers(d);
    h.send.gatewayPeers('room-abc_DEF-123', 1);
    h.send.gatewayPeers('desk', 1);
    h.send.gatewayPeers('room-../../x', 1);
    h.send.gatewayPeers('room-ok', -1);
    h.send.gatewayPeers('room-ok', 1.5);
    h.send.gatewayPeers('room-ok', 1e9);
    h.send.gatewayPeers({}, 1);
    expect(d.reportPeers.mock.calls).toEqual([['room-abc_DEF-123', 1]]);
  });

  it('hands the gateway its configuration and the console the projector', async () => {
    const d = deps();
    const h = createIpcHandlers(d);
    expect(await h.invoke.gatewayStart()).toBe(config);
    await h.invoke.showProjector();
    expect(d.showProjector).toHaveBeenCalledOnce();
  });
});

describe('who may use which channel', () => {
  const consoleFrame = { window: 'console' as const, frameUrl: `${APP}/console/?t=x` };
  const gatewayFrame = { window: 'gateway' as const, frameUrl: `${APP}/gateway/index.html` };

  it('control and showProjector: the console only', () => {
    expect(authorize('control', consoleFrame, APP)).toBe(true);
    expect(authorize('showProjector', consoleFrame, APP)).toBe(true);
    expect(authorize('control', gatewayFrame, APP)).toBe(false);
    expect(authorize('control', { window: 'projector', frameUrl: `${APP}/projector/` }, APP)).toBe(false);
  });

  it('gateway channels: the gateway only', () => {
    expect(authorize('gatewayStart', gatewayFrame, APP)).toBe(true);
    expect(authorize('gatewayPeers', gatewayFrame, APP)).toBe(true);
    expect(authorize('gatewayStart', consoleFrame, APP)).toBe(false);
  });

  it('nothing from a frame on another origin, an unknown window, or before the host runs', () => {
    expect(authorize('control', { window: 'console', frameUrl: 'https://example.org/' }, APP)).toBe(false);
    expect(authorize('control', { window: null, frameUrl: `${APP}/console/` }, APP)).toBe(false);
    expect(authorize('control', consoleFrame, null)).toBe(false);
  });
});

describe('the built preloads (out/preload, from `npm run build` or `npx electron-vite build`)', () => {
  const dir = join(__dirname, '..', 'out', 'preload');

  for (const name of ['index.js', 'gateway.js']) {
    it(`${name} is one CommonJS file that requires only electron`, () => {
      const file = join(dir, name);
      expect(existsSync(file), `${file} is missing: run \`npx electron-vite build\` first`).toBe(true);
      const code = readFileSync(file, 'utf8');
      expect(code).not.toMatch(/^\s*(import|export)\s/m);
      expect(code).not.toMatch(/\bimport\s*\(/);
      const required = [...code.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) => m[2]);
      expect(required.length).toBeGreaterThan(0);
      expect(new Set(required)).toEqual(new Set(['electron']));
      expect(code).toContain('exposeInMainWorld');
    });
  }

  it('index.js exposes one narrow object: every control command and the shell extras, never ipcRenderer', () => {
    const code = readFileSync(join(dir, 'index.js'), 'utf8');
    const exposures = [...code.matchAll(/exposeInMainWorld\(/g)];
    expect(exposures).toHaveLength(1);
    expect(code).toContain('"openFloor"');
    for (const command of CONTROL_COMMANDS) expect(code).toMatch(new RegExp(`\\b${command}\\s*:`));
    for (const extra of ['showProjector', 'onCommand']) expect(code).toMatch(new RegExp(`\\b${extra}\\s*:`));
    // ipcRenderer is used inside the functions, never handed over as a value.
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(code).not.toMatch(/:\s*(electron\.)?ipcRenderer\s*[,}]/);
  });

  it('gateway.js exposes the gateway bridge and nothing of the control contract', () => {
    const code = readFileSync(join(dir, 'gateway.js'), 'utf8');
    expect([...code.matchAll(/exposeInMainWorld\(/g)]).toHaveLength(1);
    expect(code).toContain('"openFloorGateway"');
    for (const command of CONTROL_COMMANDS) expect(code).not.toMatch(new RegExp(`\\b${command}\\s*:`));
  });
});
