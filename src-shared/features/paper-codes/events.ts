/** Paper-code events (issue 9). */
export type PaperCodeEvent =
  /** From now on a new phone needs a paper code to join (or, `on: false`, no longer does). */
  | { type: 'paperCodes.required'; on: boolean }
  /** `count` more codes exist: numbered after the ones before (the first is No. 1). */
  | { type: 'paperCodes.issued'; count: number };

export const PAPER_CODE_EVENT_TYPES: Record<PaperCodeEvent['type'], true> = {
  'paperCodes.required': true,
  'paperCodes.issued': true,
};
