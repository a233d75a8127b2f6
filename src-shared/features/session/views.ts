import type { AddressChoice } from '../../venue.js';
import type { SessionState } from '../../state.js';
import type { SessionStatus } from './fold.js';

/** What the board, the desk and the host say about the session itself. */

export interface BoardSession {
  id: string;
  title: string;
  place: string;
  status: SessionStatus;
  /** A new phone needs a single-use paper code to join (the projector says so under the QR). */
  paperCodesRequired: boolean;
  /** Where and when the record will be published (issue 19); absent until the clerk says. */
  publication?: { url: string; when: string };
}

export interface JoinInfo {
  url: string;
  code: string;
  /** The link for residents at home (hybrid meetings, issue 20), while the meeting takes remote attendees. */
  remoteUrl?: string;
}

export interface HostInfo {
  /** LAN addresses the laptop has; the facilitator picks which goes into the QR. */
  addresses: string[];
  joinAddress: string;
  port: number;
  /** The same addresses with their interface name and kind, best first (venue readiness). */
  choices?: AddressChoice[];
  /** The laptop has only IPv6 addresses, which phones cannot join over. */
  ipv6Only?: boolean;
  /** The relay's address, when the laptop runs with one (hybrid meetings). */
  relayUrl?: string;
}

export interface SessionSummary {
  id: string;
  title: string;
  createdAt: number;
  status: SessionStatus;
}

export function boardSession(state: SessionState): BoardSession {
  const publication = state.followUp.publication;
  return { id: state.id, title: state.title, place: state.place, status: state.status, paperCodesRequired: state.paperCodes.required, ...(publication ? { publication } : {}) };
}
