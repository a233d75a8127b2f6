import type { ShellCommand } from '../../src-shared/shell-api';
import { shellApi } from '../ui/shell-bridge';

/** Menu actions the desktop app hands to the console (nothing happens in a browser). */
export function listenToShellCommands(): void {
  shellApi()?.onCommand((command: ShellCommand) => {
    switch (command) {
      case 'new-session': {
        const title = document.getElementById('session-title');
        title?.scrollIntoView({ block: 'center' });
        title?.focus();
        break;
      }
    }
  });
}
