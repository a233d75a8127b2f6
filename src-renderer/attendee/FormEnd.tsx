import { t } from '../ui/i18n';

/** The end of a phone's small form: where its refusal is said, then Send and Cancel side by side. */
export function FormEnd({ error, send, onCancel }: { error: string | null; send: string; onCancel: () => void }) {
  return (
    <>
      <p role="alert" className="alert">
        {error ?? ''}
      </p>
      <div className="row-buttons">
        <button type="submit" className="primary">
          {send}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('phone.cancel')}
        </button>
      </div>
    </>
  );
}
