import type { EventType } from '../events.js';
import { agendaFeature } from './agenda/feature.js';
import { commentsFeature } from './comments/feature.js';
import { moderationFeature } from './moderation/feature.js';
import { paperCodesFeature } from './paper-codes/feature.js';
import { pollsFeature } from './polls/feature.js';
import { questionsFeature } from './questions/feature.js';
import { sessionFeature } from './session/feature.js';
import { followUpFeature } from './follow-up/feature.js';
import { remoteAttendeesFeature } from './remote-attendees/feature.js';

/**
 * Every feature, in the order the fold applies them to each event. The request pipeline, the control
 * path, the fold and the log's reader iterate this list; adding a feature is its folder and one line here.
 */
export const FEATURES = [
  sessionFeature,
  questionsFeature,
  moderationFeature,
  pollsFeature,
  agendaFeature,
  paperCodesFeature,
  followUpFeature,
  commentsFeature,
  remoteAttendeesFeature,
] as const;

type Registered = (typeof FEATURES)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Part<P extends 'phone' | 'control' | 'events'> = UnionToIntersection<Registered extends infer F ? (F extends Record<P, infer R> ? R : never) : never>;

/** Every registered feature's phone rules, keyed by request kind. */
export type RegisteredPhoneRules = Part<'phone'>;
/** Every registered feature's command rules, keyed by command. */
export type RegisteredControlRules = Part<'control'>;

export const PHONE_RULES: RegisteredPhoneRules = Object.assign({}, ...FEATURES.map((f) => ('phone' in f ? f.phone : {})));
export const CONTROL_RULES: RegisteredControlRules = Object.assign({}, ...FEATURES.map((f) => ('control' in f ? f.control : {})));

/** Every event type the log knows: a type that no feature registers is a compile error here, naming it. */
export const EVENT_TYPES: Record<EventType, true> = Object.assign({}, ...FEATURES.map((f) => f.events));
type Unregistered = Exclude<EventType, keyof Part<'events'>>;
const everyEventRegistered: [Unregistered] extends [never] ? true : Unregistered = true;
void everyEventRegistered;
