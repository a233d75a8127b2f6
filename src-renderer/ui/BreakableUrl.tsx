import { Fragment } from 'react';

/**
 * A web address that wraps where a reader expects it to (after "/", ".", "?", "&", "=" and "-"), not in
 * the middle of a word: long addresses on a 360-px phone or a projector stay readable.
 */
export function BreakableUrl({ url, className }: { url: string; className?: string }) {
  const parts = url.split(/(?<=[/.?&=-])/);
  return (
    <span className={className}>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
