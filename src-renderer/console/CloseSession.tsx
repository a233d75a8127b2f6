import { control, run } from './control';
import { useConsoleUi } from './ui-store';
import { t } from '../ui/i18n';

/** Closing is final (the record is sealed with its hash), so it takes a second, explicit step. */
export function CloseSession() {
  const confirm = useConsoleUi((s) => s.confirmClose);
  const setConfirm = useConsoleUi((s) => s.setConfirmClose);
  return (
    <section className="panel" aria-label={t('console.closeTheSession')}>
      {confirm ? (
        <div className="stack">
          <p>{t('console.closeWarning')}</p>
          <button
            type="button"
            className="danger"
            onClick={async () => {
              await run(() => control.closeSession({}));
              setConfirm(false);
            }}
          >
            {t('console.confirmClose')}
          </button>
          <button type="button" onClick={() => setConfirm(false)}>
            {t('console.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirm(true)}>
          {t('console.closeSession')}
        </button>
      )}
    </section>
  );
}
