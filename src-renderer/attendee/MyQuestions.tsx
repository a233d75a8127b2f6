import { nanoid } from 'nanoid';
import type { PhoneRequestDraft } from '../../src-shared/requests';
import { textStart } from '../ui/status-labels';
import { myItemLabel } from './labels';
import { MyModerationNotes } from './MyModerationNotes';
import type { MyItem } from './phone-view';
import { t } from '../ui/i18n';
import { reasonText } from './reason';

/**
 * My own questions with where each one is, including those still waiting to be sent. Not a list of
 * listitems on purpose: the board's listitems are the room's questions, and mine appear there too.
 */
export function MyQuestions({ send, items, closed }: { send: (request: PhoneRequestDraft) => void; items: MyItem[]; closed: boolean }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="mine-heading" className="card">
      <h2 id="mine-heading">{t('phone.myQuestions')}</h2>
      <div className="list">
        {items.map((item) => (
          <div key={item.key} className="mine-item">
            <p className="user-text">{item.text}</p>
            <p className={`badge state-${item.state}`}>{myItemLabel(item.state)}</p>
            {item.reason ? <p className="reason user-text">{reasonText(item.reason)}</p> : null}
            <MyModerationNotes item={item} />
            {item.canWithdraw && !closed && item.questionId ? (
              <button
                type="button"
                className="secondary"
                aria-label={t('phone.withdrawLabel', { text: textStart(item.text) })}
                onClick={() => send({ kind: 'withdraw', id: nanoid(), questionId: item.questionId as string })}
              >
                {t('phone.withdraw')}
              </button>
            ) : null}
          </div>
        ))}
      </div>
    </section>
  );
}
