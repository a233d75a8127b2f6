import { meetingMeasures, measuresAcross, type MeetingMeasures } from '../../../../src-shared/measures/dialogue.js';
import type { MeasuresControlOutputs } from '../../../../src-shared/measures/control.js';
import type { CommandsContext, Handlers } from '../commands-context.js';

/**
 * The dialogue measured over every meeting of the folder. A meeting's measures are kept until its log
 * grows (a follow-up written after the close changes them), so asking again reads only what changed.
 */
export function createMeasuresCommands(ctx: CommandsContext): Handlers<keyof MeasuresControlOutputs> {
  const cache = new Map<string, { lastSeq: number; measures: MeetingMeasures }>();
  return {
    dialogueMeasures: () => {
      const meetings = ctx.sessions.logs().map((log) => {
        const kept = cache.get(log.id);
        if (kept && kept.lastSeq === log.lastSeq) return kept.measures;
        const measures = meetingMeasures(log.events());
        cache.set(log.id, { lastSeq: log.lastSeq, measures });
        return measures;
      });
      return { ok: true, value: { meetings, across: measuresAcross(meetings) } };
    },
  };
}
