import { Menu } from 'electron';
import { buildMenuTemplate, type MenuActions, type MenuState } from './shell-logic/menu-template.js';

/** Installs the application menu (template: shell-logic/menu-template, tested without Electron). */
export function installMenu(actions: MenuActions, state: MenuState): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(actions, state)));
}
