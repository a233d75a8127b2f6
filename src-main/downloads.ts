import { app, session } from 'electron';
import { join } from 'node:path';
import { exportSaveDialog, isExportDownload } from './shell-logic/exports.js';

/**
 * Exports are downloads from the loopback listener (`/export/<id>.<format>`), started by the menu or by
 * the console's Export panel. Electron shows its native save dialog for a download that has no save path;
 * we give it a title, the host's file name in Documents, and a filter. Any other download is cancelled.
 */
export function installDownloads(appOrigin: () => string | null): void {
  session.defaultSession.on('will-download', (_event, item) => {
    const origin = appOrigin();
    if (origin === null || !isExportDownload(item.getURL(), origin)) {
      item.cancel();
      return;
    }
    item.setSaveDialogOptions(exportSaveDialog(item.getFilename(), app.getPath('documents'), join));
  });
}
