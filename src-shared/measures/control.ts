import { z } from 'zod';
import type { MeasuresAcross, MeetingMeasures } from './dialogue.js';

/** The dialogue measured over every meeting of the data folder (issue 19): reads only. */
export const measuresControlInputs = {
  dialogueMeasures: z.object({}),
} as const;

export interface MeasuresControlOutputs {
  dialogueMeasures: { meetings: MeetingMeasures[]; across: MeasuresAcross };
}
