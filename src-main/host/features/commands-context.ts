import type { ControlCommand, ControlParsedInput, ControlResult } from '../../../src-shared/control.js';
import type { VenueStatus } from '../../../src-shared/venue.js';
import type { SessionManager } from '../pipeline/session-manager.js';
import type { FolderSettings } from '../store/folder-settings.js';

/** What a feature's command handlers may use: the sessions, and the host-level facts beyond them. */
export interface CommandsContext {
  sessions: SessionManager;
  setJoinAddress(address: string): string | null;
  venueStatus(): VenueStatus;
  /** The data folder's settings (filter, display) and how to show them on the screens. */
  settings: FolderSettings;
  publishSettings(): void;
  /** The laptop runs with a relay (`--relay`): remote attendees can be switched on and off. */
  relayOn: boolean;
}

/** The handler of one command: its input as its schema parsed it, its answer or why not. */
export type Handler<K extends ControlCommand> = (input: ControlParsedInput<K>) => ControlResult<K>;
/** Handlers for the commands `K`. */
export type Handlers<K extends ControlCommand> = { [P in K]: Handler<P> };
