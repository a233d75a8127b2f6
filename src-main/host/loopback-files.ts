import { LOCALES } from '../../src-shared/i18n/format.js';
import { PAPER_CODES_FILE } from '../../src-shared/features/paper-codes/format.js';
import { sessionListing, type SessionListing } from '../../src-shared/minutes/listing.js';
import { RecordFormatError } from '../../src-shared/record/format.js';
import { exportSession } from './export/export-session.js';
import { paperCodesFile } from './features/paper-codes/slips-file.js';
import type { LoopbackDeps } from './net/loopback-server.js';
import { HttpError } from './net/http-util.js';
import type { SessionManager } from './pipeline/session-manager.js';
import type { FolderSettings } from './store/folder-settings.js';
import type { Store } from './store/store.js';
import type { Venue } from './venue/venue.js';
import { join } from 'node:path';

interface FilesDeps {
  store: Store;
  sessions: SessionManager;
  settings: FolderSettings;
  venue: Venue;
  dataDir: string;
  /** The build output (out/): the published site's scripts are in its `published/`. */
  buildDir: string;
  log(line: string): void;
}

/** The files the console downloads: minutes and exports, the list of past sessions, the venue's handouts. */
export function loopbackFiles({ store, sessions, settings, venue, dataDir, buildDir, log }: FilesDeps): Pick<LoopbackDeps, 'exportFile' | 'listSessions' | 'venueFile' | 'publishRecord'> {
  return {
    // Exports read the log the authority has already committed: a snapshot, nothing is written.
    exportFile: async (sessionId, format, locale) => {
      if (!store.session(sessionId)) return null;
      try {
        return await exportSession(store, sessionId, format, locale ? { locale } : {});
      } catch (err) {
        // A session a newer Open Floor wrote: the console shows the message to update.
        if (err instanceof RecordFormatError) throw new HttpError(409, err.message);
        throw err;
      }
    },
    listSessions: () => readableSessionListings(store, log),
    // The console's "Publish the record": the same folder every time (<data>/published), so links stay.
    // Loaded on first use, like the PDF and DOCX renderers (the charts' module pulls in pdfkit's fonts).
    publishRecord: async (sessionId, locale) => {
      if (!store.session(sessionId)) return null;
      const folder = join(dataDir, 'published');
      try {
        const { publishSessions } = await import('./publish/publish.js');
        publishSessions(store, [sessionId], { outDir: folder, locales: [locale], assetsDir: join(buildDir, 'published') });
        return { ok: true, folder, page: join(folder, 'meetings', sessionId, 'index.html') };
      } catch (err) {
        log(`publish ${sessionId}: ${(err as Error).message}`);
        return { ok: false, error: (err as Error).message };
      }
    },
    venueFile: (name, query) => {
      // The handout and the paper slips speak the projector's language, and both when its join call does.
      const { language, bilingualJoin } = settings.current.display;
      const languages = bilingualJoin ? [language, ...LOCALES.filter((l) => l !== language)] : [language];
      if (name === PAPER_CODES_FILE) return paperCodesFile(sessions, languages, query);
      const join = sessions.joinInfo();
      const state = sessions.current?.log.state;
      const live = join && state && state.status !== 'closed';
      return venue.file(name, live ? { title: state.title, place: state.place, joinUrl: join.url, code: join.code, languages, recordUrl: state.followUp.publication?.url ?? '' } : null);
    },
  };
}

/** Past sessions for the console; one a newer Open Floor wrote is left out of the list, with a log line saying why. */
function readableSessionListings(store: Store, log: (line: string) => void): SessionListing[] {
  return store.sessions().flatMap((row) => {
    try {
      return [sessionListing(store.events(row.id))];
    } catch (err) {
      if (!(err instanceof RecordFormatError)) throw err;
      log(`session ${row.id}: ${err.message}`);
      return [];
    }
  });
}
