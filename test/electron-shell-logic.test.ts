import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeChoice, closePrompt } from '../src-main/shell-logic/close-prompt.js';
import { EXPORT_MENU, exportSaveDialog, exportUrl, isExportDownload, safeFileName } from '../src-main/shell-logic/exports.js';
import { gatewayConfig, lanPortOf, RoomSet } from '../src-main/shell-logic/gateway-config.js';
import { DEFAULT_LAN_PORT, launchOptions } from '../src-main/shell-logic/launch-options.js';
import { portIsFree } from '../src-main/shell-logic/port.js';
import { defaultDataDir, parseSettings, resolveDataDir, serializeSettings } from '../src-main/shell-logic/settings.js';
import { EXPORT_FORMAT_NAMES } from '../src-shared/minutes/formats.js';

const APP = 'http://127.0.0.1:50000';

describe('closing the console', () => {
  it('asks only while a session is open', () => {
    expect(closePrompt(null, '')).toBeNull();
    expect(closePrompt('draft', 'x')).toBeNull();
    expect(closePrompt('closed', 'x')).toBeNull();
    const prompt = closePrompt('open', 'Budget forum')!;
    expect(prompt.message).toContain('Budget forum');
    expect(prompt.buttons).toHaveLength(prompt.choices.length);
  });

  it('defaults to Cancel, and an unknown answer (Esc, window closed) cancels', () => {
    const prompt = closePrompt('open', 'x')!;
    expect(closeChoice(prompt, prompt.defaultId)).toBe('cancel');
    expect(closeChoice(prompt, prompt.cancelId)).toBe('cancel');
    expect(closeChoice(prompt, 99)).toBe('cancel');
    expect(closeChoice(prompt, 0)).toBe('keep-open');
    expect(closeChoice(prompt, 1)).toBe('close-session');
  });
});

describe('exports', () => {
  it('offers every format the host exports', () => {
    expect(EXPORT_MENU.map((f) => f.format)).toEqual(EXPORT_FORMAT_NAMES);
    for (const f of EXPORT_MENU) expect(f.extension).toMatch(/^[a-z]+$/);
  });

  it('downloads only exports from this launch’s loopback listener', () => {
    const url = exportUrl(APP, 'tok/en', 'S1', 'pdf');
    expect(url).toBe(`${APP}/export/S1.pdf?t=tok%2Fen`);
    expect(isExportDownload(url, APP)).toBe(true);
    expect(isExportDownload('http://127.0.0.1:50001/export/S1.pdf', APP)).toBe(false);
    expect(isExportDownload(`${APP}/console/`, APP)).toBe(false);
    expect(isExportDownload(`${APP}/venue/handout.pdf?t=x`, APP)).toBe(true);
    expect(isExportDownload(`${APP}/venue/paper-codes.pdf?t=x&first=1&last=50`, APP)).toBe(true);
    expect(isExportDownload(`${APP}/venue/other.pdf`, APP)).toBe(false);
    expect(isExportDownload('https://example.org/export/x.pdf', APP)).toBe(false);
    expect(isExportDownload('nonsense', APP)).toBe(false);
  });

  it('suggests a safe file name in the folder, with a filter for its type', () => {
    const spec = exportSaveDialog('2025-03-01 budget-forum.pdf', '/home/me/Documents', (a, b) => `${a}/${b}`);
    expect(spec.defaultPath).toBe('/home/me/Documents/2025-03-01 budget-forum.pdf');
    expect(spec.filters[0]).toEqual({ name: 'PDF', extensions: ['pdf'] });
    expect(safeFileName('../../etc/passwd')).toBe('etc passwd');
    expect(safeFileName('a:b*c?.docx')).toBe('a b c .docx');
    expect(safeFileName('...')).toBe('Open Floor export');
  });
});

describe('settings (data folder)', () => {
  it('defaults to userData/data, and keeps an absolute folder', () => {
    expect(parseSettings(null)).toEqual({ dataDir: null });
    expect(resolveDataDir(parseSettings(null), '/u')).toBe(defaultDataDir('/u'));
    const saved = serializeSettings({ dataDir: '/srv/meetings' });
    expect(resolveDataDir(parseSettings(saved), '/u')).toBe('/srv/meetings');
  });

  it.each(['not json', '[]', 'null', '{"dataDir": 3}', '{"dataDir": "relative/path"}', '{"dataDir": ""}'])(
    'falls back to the default for %s',
    (text) => {
      expect(parseSettings(text)).toEqual({ dataDir: null });
    },
  );
});

describe('launch options and the gateway', () => {
  it('reads test overrides from the environment, with safe defaults', () => {
    expect(launchOptions({})).toEqual({ userData: null, dataDir: null, lanPort: DEFAULT_LAN_PORT, joinAddress: null });
    expect(
      launchOptions({ OPEN_FLOOR_LAN_PORT: '0', OPEN_FLOOR_DATA_DIR: '/d', OPEN_FLOOR_USER_DATA: '/u', OPEN_FLOOR_JOIN_ADDRESS: '127.0.0.1' }),
    ).toEqual({ userData: '/u', dataDir: '/d', lanPort: 0, joinAddress: '127.0.0.1' });
    expect(launchOptions({ OPEN_FLOOR_LAN_PORT: 'x' }).lanPort).toBe(DEFAULT_LAN_PORT);
    expect(launchOptions({ OPEN_FLOOR_LAN_PORT: '70000' }).lanPort).toBe(DEFAULT_LAN_PORT);
  });

  it('points the gateway at the loopback /sync and the LAN /signal on 127.0.0.1', () => {
    const config = gatewayConfig({ loopbackOrigin: APP, lanOrigin: 'http://192.168.1.5:4321', token: 'tok' }, ['room-a']);
    expect(config).toEqual({
      hostSyncUrl: 'ws://127.0.0.1:50000/sync',
      token: 'tok',
      signalingUrl: 'ws://127.0.0.1:4321/signal',
      rooms: ['room-a'],
    });
    expect(lanPortOf('http://10.0.0.2:80')).toBe(80);
  });

  it('keeps the open rooms so a (re)started gateway window gets them all', () => {
    const rooms = new RoomSet();
    expect(rooms.apply('room-a', 'opened')).toBe(true);
    expect(rooms.apply('room-a', 'opened')).toBe(false);
    rooms.apply('room-b', 'opened');
    expect(rooms.apply('room-a', 'closed')).toBe(true);
    expect(rooms.apply('room-a', 'closed')).toBe(false);
    expect(rooms.list()).toEqual(['room-b']);
  });
});

describe('where the shell’s code may run', () => {
  const root = join(__dirname, '..');
  const importsOf = (file: string) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

  it('src-main/shell-logic imports no electron (it is what these tests load)', () => {
    const dir = join(root, 'src-main', 'shell-logic');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(importsOf(join(dir, f)), f).not.toContain('electron');
  });

  it('the preloads import only electron and the shared contract', () => {
    for (const f of ['index.ts', 'gateway.ts']) {
      for (const spec of importsOf(join(root, 'src-preload', f))) {
        expect(spec === 'electron' || spec.startsWith('../src-shared/'), `${f}: ${spec}`).toBe(true);
      }
    }
  });
});

describe('the phones’ port', () => {
  it('is reported taken while something listens on it, and free again after', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const port = (server.address() as { port: number }).port;
    expect(await portIsFree(port)).toBe(false);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await portIsFree(port)).toBe(true);
    expect(await portIsFree(0)).toBe(true);
  });
});
