import { useConsoleUi } from './ui-store';
import { t } from '../ui/i18n';

/** Every refusal from the host, in one place screen readers announce. */
export function ErrorRegion() {
  const error = useConsoleUi((s) => s.error);
  const setError = useConsoleUi((s) => s.setError);
  return (
    <div className="error-region">
      <p role="alert" className="alert">
        {error ?? ''}
      </p>
      {error ? (
        <button type="button" className="link" onClick={() => setError(null)}>
          {t('console.dismiss')}
        </button>
      ) : null}
    </div>
  );
}
