/**
 * Whether the host can write its data folder, in words a facilitator can act on. Two writers report
 * here: the event log (a commit failed) and document storage (a turn's updates could not be stored).
 * The problem clears when the writer that failed succeeds again.
 */
export type StorageWriter = 'log' | 'documents';

export class StorageHealth {
  private readonly failures = new Map<StorageWriter, Error>();

  constructor(private readonly onChange: () => void = () => {}) {}

  report(writer: StorageWriter, failure: Error | null): void {
    const had = this.failures.has(writer);
    if (failure) this.failures.set(writer, failure);
    else this.failures.delete(writer);
    if (had !== (failure !== null)) this.onChange();
  }

  get ok(): boolean {
    return this.failures.size === 0;
  }

  /** One sentence for the console, or null when writing works. */
  problem(): string | null {
    const failure = this.failures.get('log') ?? this.failures.get('documents');
    if (!failure) return null;
    const cause = causeOf(failure);
    return `The data folder cannot be written (${cause}). Nothing is lost: phones keep their requests and the host stores them as soon as it can write again. Free some disk space, or check the drive the data folder is on.`;
  }
}

function causeOf(err: Error): string {
  const inner = (err as { cause?: unknown }).cause;
  const e = (inner instanceof Error ? inner : err) as Error & { code?: string };
  if (e.code === 'SQLITE_FULL') return 'the disk is full';
  if (e.code?.startsWith('SQLITE_READONLY')) return 'the folder is read-only';
  if (e.code?.startsWith('SQLITE_IOERR') || e.code === 'SQLITE_CANTOPEN') return 'the drive reports an input/output error';
  return e.message;
}
