import type { SessionStatus } from '../../src-shared/features/session/fold.js';

/**
 * Closing the console with a session open: phones lose the host until the app runs again. Ask first. The
 * session itself stays open unless the facilitator says to close it (closing seals the record for good).
 */
export type CloseChoice = 'keep-open' | 'close-session' | 'cancel';

export interface ClosePrompt {
  type: 'question';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
  choices: CloseChoice[];
}

export function closePrompt(status: SessionStatus | null, title: string): ClosePrompt | null {
  if (status !== 'open') return null;
  const choices: CloseChoice[] = ['keep-open', 'close-session', 'cancel'];
  return {
    type: 'question',
    title: 'A session is open',
    message: `“${title}” is still open.`,
    detail:
      'Quitting disconnects every phone until you start Open Floor again; the session stays open and nothing is lost. ' +
      'Closing the session ends questions and votes and seals the record.',
    buttons: ['Quit and keep it open', 'Close the session and quit', 'Cancel'],
    defaultId: 2,
    cancelId: 2,
    choices,
  };
}

export function closeChoice(prompt: ClosePrompt, response: number): CloseChoice {
  return prompt.choices[response] ?? 'cancel';
}
