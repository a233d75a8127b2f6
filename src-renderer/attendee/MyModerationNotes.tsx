import type { MyItem } from './phone-view';
import { t } from '../ui/i18n';

/** What a moderator did to one of my questions: edited it, merged it into another, merged others into it. */
export function MyModerationNotes({ item }: { item: MyItem }) {
  const m = item.moderation;
  if (!m) return null;
  return (
    <>
      {m.edited ? <p className="mod-note">{t('phone.modEdited')}</p> : null}
      {m.mergedInto !== undefined ? (
        <p className="mod-note">
          {t('phone.mergedIntoLead')} “<span className="user-text">{m.mergedInto}</span>”. {t('phone.mergedIntoTail')}
        </p>
      ) : null}
      {m.mergedCount ? (
        <p className="mod-note">
          {t('phone.mergedHere', { count: m.mergedCount })}
        </p>
      ) : null}
    </>
  );
}
