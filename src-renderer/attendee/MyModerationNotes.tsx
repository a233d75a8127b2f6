import type { MyItem } from './phone-view';

/** What a moderator did to one of my questions: edited it, merged it into another, merged others into it. */
export function MyModerationNotes({ item }: { item: MyItem }) {
  const m = item.moderation;
  if (!m) return null;
  return (
    <>
      {m.edited ? <p className="mod-note">The moderator edited your question; this is the text everyone sees.</p> : null}
      {m.mergedInto !== undefined ? (
        <p className="mod-note">
          Merged into a similar question: “<span className="user-text">{m.mergedInto}</span>”. Its votes count there.
        </p>
      ) : null}
      {m.mergedCount ? (
        <p className="mod-note">
          {m.mergedCount === 1 ? 'A similar question was' : `${m.mergedCount} similar questions were`} merged into yours; their votes count
          for it.
        </p>
      ) : null}
    </>
  );
}
