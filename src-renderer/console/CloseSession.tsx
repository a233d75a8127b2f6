import { control, run } from './control';
import { useConsoleUi } from './ui-store';

/** Closing is final (the record is sealed with its hash), so it takes a second, explicit step. */
export function CloseSession() {
  const confirm = useConsoleUi((s) => s.confirmClose);
  const setConfirm = useConsoleUi((s) => s.setConfirmClose);
  return (
    <section className="panel" aria-label="Close the session">
      {confirm ? (
        <div className="stack">
          <p>Closing ends questions and votes and seals the record. This cannot be undone.</p>
          <button
            type="button"
            className="danger"
            onClick={async () => {
              await run(() => control.closeSession({}));
              setConfirm(false);
            }}
          >
            Yes, close the session
          </button>
          <button type="button" onClick={() => setConfirm(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirm(true)}>
          Close session
        </button>
      )}
    </section>
  );
}
