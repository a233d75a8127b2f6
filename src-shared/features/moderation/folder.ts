import type * as Y from 'yjs';
import { DESK_MAP } from '../../docs/desk-doc.js';

/** The folder's filter settings as the console reads them from the desk (key `folderModeration`). */
export interface FolderModeration {
  profanityFilter: boolean;
  customWords: string[];
}

export const FOLDER_MODERATION_KEY = 'folderModeration';

export function readFolderModeration(doc: Y.Doc): FolderModeration {
  const v = doc.getMap<unknown>(DESK_MAP).get(FOLDER_MODERATION_KEY) as Partial<FolderModeration> | undefined;
  return {
    profanityFilter: typeof v?.profanityFilter === 'boolean' ? v.profanityFilter : true,
    customWords: Array.isArray(v?.customWords) ? v.customWords.filter((w): w is string => typeof w === 'string') : [],
  };
}
