import { POLL_KIND_LABELS, VISIBILITY_LABELS, type PollKind, type PollVisibility } from '../../src-shared/features/polls/events';
import { t } from '../ui/i18n';

/** The poll kinds and result visibilities, in order, with their words in the console's language. */
export const KINDS = Object.keys(POLL_KIND_LABELS) as PollKind[];
export const VISIBILITIES = Object.keys(VISIBILITY_LABELS) as PollVisibility[];
export const kindLabel = (k: PollKind): string => t(`console.pollKind_${k}`);
export const visibilityLabel = (v: PollVisibility): string => t(`console.visibility_${v}`);
