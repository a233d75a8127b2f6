import type { AgendaText } from '../../src-shared/features/agenda/minutes-text';

/** The agenda part of a past session's minutes in the console (same wording as the PDF and DOCX). */
export function AgendaMinutes({ agenda }: { agenda: AgendaText }) {
  const c = agenda.speakerColumns;
  return (
    <section aria-label={agenda.heading} className="minutes-agenda">
      <h4>{agenda.heading}</h4>
      <p className="muted">{agenda.intro}</p>
      {agenda.items.map((item) => (
        <section key={item.heading} aria-label={item.heading}>
          <h5 className="user-text">{item.heading}</h5>
          {item.description ? <p className="user-text">{item.description}</p> : null}
          <p className="muted">{item.facts.map(([k, v]) => `${k}: ${v}`).join(' · ')}</p>
          {item.questions ? <p>{item.questions}</p> : null}
          {item.speakers.length > 0 ? (
            <table className="minutes-speakers">
              <thead>
                <tr>
                  <th scope="col">{c.order}</th>
                  <th scope="col">{c.speaker}</th>
                  <th scope="col">{c.subject}</th>
                  <th scope="col">{c.time}</th>
                  <th scope="col">{c.note}</th>
                </tr>
              </thead>
              <tbody>
                {item.speakers.map((s) => (
                  <tr key={s.order}>
                    <td>{s.order}</td>
                    <td className="user-text">{s.speaker}</td>
                    <td className="user-text">{s.subject}</td>
                    <td>{s.time}</td>
                    <td>{s.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {item.speakersNote ? <p>{item.speakersNote}</p> : null}
          {item.comments ? (
            <>
              <h6>{item.comments.heading}</h6>
              <ul className="minutes-comments">
                {item.comments.rows.map((c, i) => (
                  <li key={i}>
                    <span className="user-text comment-text">{c.text}</span> <span className="muted">— {c.by}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="muted">{item.participation}</p>
        </section>
      ))}
      {agenda.unfiled ? <p>{agenda.unfiled}</p> : null}
      <h5>{agenda.totalsHeading}</h5>
      <dl className="minutes-facts">
        {agenda.totals.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
