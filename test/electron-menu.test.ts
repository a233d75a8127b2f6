import { describe, expect, it, vi } from 'vitest';
import { ACCELERATORS, buildMenuTemplate, type MenuActions, type MenuItemSpec } from '../src-main/shell-logic/menu-template.js';
import { EXPORT_MENU } from '../src-main/shell-logic/exports.js';

function actions(): MenuActions {
  return {
    newSession: vi.fn(),
    openArchive: vi.fn(),
    exportAs: vi.fn(),
    showProjector: vi.fn(),
    moveProjector: vi.fn(),
    toggleProjectorFullscreen: vi.fn(),
    chooseDataFolder: vi.fn(),
    showDataFolder: vi.fn(),
    showHelp: vi.fn(),
  };
}

const flatten = (items: MenuItemSpec[]): MenuItemSpec[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);
const byId = (items: MenuItemSpec[], id: string) => flatten(items).find((i) => i.id === id);

describe('application menu template', () => {
  it('has the usual roles and the app menu only on macOS', () => {
    const linux = buildMenuTemplate(actions(), { platform: 'linux', appName: 'Open Floor', hasSession: true });
    const roles = linux.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(['editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(flatten(linux).some((i) => i.role === 'quit')).toBe(true);
    const mac = buildMenuTemplate(actions(), { platform: 'darwin', appName: 'Open Floor', hasSession: true });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    expect(flatten(mac).some((i) => i.role === 'quit')).toBe(false); // the app menu has Quit on macOS
  });

  it('wires every app action to its item', () => {
    const a = actions();
    const t = buildMenuTemplate(a, { platform: 'win32', appName: 'Open Floor', hasSession: true });
    const click = (id: string) => byId(t, id)!.click!();
    click('new-session');
    click('open-archive');
    click('show-projector');
    click('move-projector');
    click('projector-fullscreen');
    click('data-folder');
    click('show-data-folder');
    click('help');
    for (const f of EXPORT_MENU) click(`export-${f.format}`);
    expect(a.newSession).toHaveBeenCalledOnce();
    expect(a.openArchive).toHaveBeenCalledOnce();
    expect(a.showProjector).toHaveBeenCalledOnce();
    expect(a.moveProjector).toHaveBeenCalledOnce();
    expect(a.toggleProjectorFullscreen).toHaveBeenCalledOnce();
    expect(a.chooseDataFolder).toHaveBeenCalledOnce();
    expect(a.showDataFolder).toHaveBeenCalledOnce();
    expect(a.showHelp).toHaveBeenCalledOnce();
    expect(vi.mocked(a.exportAs).mock.calls.map((c) => c[0])).toEqual(EXPORT_MENU.map((f) => f.format));
  });

  it('offers export only when there is a session', () => {
    const none = buildMenuTemplate(actions(), { platform: 'linux', appName: 'Open Floor', hasSession: false });
    expect(byId(none, 'export')!.enabled).toBe(false);
    const some = buildMenuTemplate(actions(), { platform: 'linux', appName: 'Open Floor', hasSession: true });
    expect(byId(some, 'export')!.enabled).toBe(true);
    expect(byId(some, 'export')!.submenu!.map((i) => i.label)).toContain('Export as PDF…');
  });

  it('uses modifier shortcuts only (the console’s single-letter keys stay free), each once', () => {
    const t = buildMenuTemplate(actions(), { platform: 'linux', appName: 'Open Floor', hasSession: true });
    const accelerators = flatten(t)
      .map((i) => i.accelerator)
      .filter((a): a is string => a !== undefined);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    for (const a of accelerators) expect(a).toMatch(/^CmdOrCtrl\+/);
    expect(byId(t, 'show-projector')!.accelerator).toBe(ACCELERATORS.showProjector);
  });
});
