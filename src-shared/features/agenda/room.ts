import type * as Y from 'yjs';
import type { MySpeaking } from './views.js';

/** The room key (host writes) of a phone's own sign-ups to speak, by speaker id. */
export const MY_SPEAKING_KEY = 'mySpeaking';

export const mySpeakingMap = (doc: Y.Doc): Y.Map<MySpeaking> => doc.getMap<MySpeaking>(MY_SPEAKING_KEY);
