import { EXPORT_MENU, type ExportFormat } from './exports.js';

/**
 * The application menu as plain data. Structurally an Electron `MenuItemConstructorOptions[]`;
 * src-main/menu.ts hands it to `Menu.buildFromTemplate`. Electron's own roles provide the usual menus
 * (edit, view, window, help; the app menu on macOS); the app adds its actions.
 */
export type MenuRole =
  | 'appMenu'
  | 'editMenu'
  | 'viewMenu'
  | 'windowMenu'
  | 'help'
  | 'quit'
  | 'close'
  | 'about';

export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'normal' | 'separator' | 'submenu';
  id?: string;
  accelerator?: string;
  enabled?: boolean;
  click?: () => void;
  submenu?: MenuItemSpec[];
}

export interface MenuActions {
  newSession(): void;
  openArchive(): void;
  exportAs(format: ExportFormat): void;
  showProjector(): void;
  moveProjector(): void;
  toggleProjectorFullscreen(): void;
  chooseDataFolder(): void;
  showDataFolder(): void;
  showHelp(): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  /** Export needs a session (open or closed) to export. */
  hasSession: boolean;
}

/** Accelerators of the app's own actions (the console's single-letter shortcuts stay free). */
export const ACCELERATORS = {
  newSession: 'CmdOrCtrl+N',
  openArchive: 'CmdOrCtrl+O',
  exportPdf: 'CmdOrCtrl+E',
  showProjector: 'CmdOrCtrl+Shift+P',
  moveProjector: 'CmdOrCtrl+Shift+M',
  toggleProjectorFullscreen: 'CmdOrCtrl+Shift+F',
} as const;

const separator: MenuItemSpec = { type: 'separator' };

export function buildMenuTemplate(actions: MenuActions, state: MenuState): MenuItemSpec[] {
  const mac = state.platform === 'darwin';
  const file: MenuItemSpec = {
    label: 'File',
    submenu: [
      { id: 'new-session', label: 'New Session', accelerator: ACCELERATORS.newSession, click: actions.newSession },
      { id: 'open-archive', label: 'Open Archive…', accelerator: ACCELERATORS.openArchive, click: actions.openArchive },
      {
        id: 'export',
        label: 'Export',
        enabled: state.hasSession,
        submenu: EXPORT_MENU.map((f) => ({
          id: `export-${f.format}`,
          label: f.label,
          enabled: state.hasSession,
          ...(f.format === 'pdf' ? { accelerator: ACCELERATORS.exportPdf } : {}),
          click: () => actions.exportAs(f.format),
        })),
      },
      separator,
      { id: 'data-folder', label: 'Data Folder…', click: actions.chooseDataFolder },
      separator,
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const projector: MenuItemSpec = {
    label: 'Projector',
    submenu: [
      { id: 'show-projector', label: 'Show Projector', accelerator: ACCELERATORS.showProjector, click: actions.showProjector },
      {
        id: 'move-projector',
        label: 'Move Projector to Next Display',
        accelerator: ACCELERATORS.moveProjector,
        click: actions.moveProjector,
      },
      {
        id: 'projector-fullscreen',
        label: 'Projector Full Screen',
        accelerator: ACCELERATORS.toggleProjectorFullscreen,
        click: actions.toggleProjectorFullscreen,
      },
    ],
  };
  const help: MenuItemSpec = {
    role: 'help',
    submenu: [
      { id: 'help', label: `${state.appName} Help`, click: actions.showHelp },
      { id: 'show-data-folder', label: 'Show Data Folder', click: actions.showDataFolder },
      ...(mac ? [] : [separator, { role: 'about' } satisfies MenuItemSpec]),
    ],
  };
  return [
    ...(mac ? [{ role: 'appMenu' } satisfies MenuItemSpec] : []),
    file,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    projector,
    { role: 'windowMenu' },
    help,
  ];
}
