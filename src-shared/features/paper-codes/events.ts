/** Paper-code events (issue 9). They join the log's `EventBody` union in events.ts; the fold is in state.ts here. */
export type PaperCodeEvent =
  /** From now on a new phone needs a paper code to join (or, `on: false`, no longer does). */
  | { type: 'paperCodes.required'; on: boolean }
  /** `count` more codes exist: numbered after the ones before (the first is No. 1). */
  | { type: 'paperCodes.issued'; count: number };
