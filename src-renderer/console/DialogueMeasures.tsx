import { useEffect, useState } from 'react';
import type { MeasuresAcross, MeetingMeasures } from '../../src-shared/measures/dialogue';
import { control } from './control';
import { formatDateTime, formatNumber, t } from '../ui/i18n';
import './measures.css';

type Loaded = { meetings: MeetingMeasures[]; across: MeasuresAcross } | null;

/** The measures charted over meetings: a value per meeting, and how it reads in words. */
const CHARTS: ReadonlyArray<{ key: string; value(m: MeetingMeasures): number | null; text(v: number): string }> = [
  { key: 'phones', value: (m) => m.phones, text: formatNumber },
  { key: 'asked', value: (m) => m.asked, text: formatNumber },
  { key: 'answeredOnFloor', value: (m) => m.answeredOnFloor, text: formatNumber },
  { key: 'answeredInWriting', value: (m) => m.answeredInWriting, text: formatNumber },
  { key: 'stillOpen', value: (m) => m.stillOpen, text: formatNumber },
  { key: 'topAnswered', value: (m) => (m.topAnswered.of === 0 ? null : Math.round((100 * m.topAnswered.answered) / m.topAnswered.of)), text: (v) => `${v} %` },
  { key: 'medianDays', value: (m) => m.medianDaysToWrittenAnswer, text: (v) => v.toFixed(1) },
];

/** One measure over meetings: bars for the eye, and the same numbers as a list for everyone. */
function MeasureChart({ meetings, chart }: { meetings: MeetingMeasures[]; chart: (typeof CHARTS)[number] }) {
  const values = meetings.map((m) => chart.value(m));
  const max = Math.max(1, ...values.map((v) => v ?? 0));
  return (
    <figure className="measure-chart">
      <figcaption>{t(`console.m_${chart.key}`)}</figcaption>
      <ol>
        {meetings.map((m, i) => {
          const v = values[i];
          return (
            <li key={m.sessionId}>
              <span className="measure-label user-text">{m.title}</span>
              <span className="measure-bar" aria-hidden="true" style={{ width: `${v === null ? 0 : Math.max(2, (100 * v) / max)}%` }} />
              <span className="measure-value">{v === null ? '–' : chart.text(v)}</span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

function Totals({ across }: { across: MeasuresAcross }) {
  const top = across.topAnswered.of === 0 ? '–' : `${across.topAnswered.answered} / ${across.topAnswered.of}`;
  return (
    <p>
      {t('console.m_totals', {
        meetings: across.meetings,
        phones: across.phones,
        asked: across.asked,
        floor: across.answeredOnFloor,
        writing: across.answeredInWriting,
        referred: across.referred,
        open: across.stillOpen,
        top,
        days: across.medianDaysToWrittenAnswer === null ? '–' : across.medianDaysToWrittenAnswer.toFixed(1),
      })}
    </p>
  );
}

/**
 * The dialogue, measured over every meeting of this data folder (issue 19): what a council shows to say
 * it listened. Each measure is defined in docs/MEASURES.md; reloaded when the list of sessions changes.
 */
export function DialogueMeasures({ refreshKey }: { refreshKey: string }) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    if (!open) return;
    void control.dialogueMeasures({}).then((r) => r.ok && setLoaded(r.value));
  }, [open, refreshKey]);
  return (
    <details className="panel measures" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <h2 className="inline">{t('console.m_heading')}</h2>
      </summary>
      {loaded === null ? (
        <p className="muted">{t('console.loading')}</p>
      ) : (
        <>
          <Totals across={loaded.across} />
          <p className="muted">
            {loaded.meetings.map((m) => `${m.title} (${formatDateTime(m.date)})`).join(' · ')}
          </p>
          <div className="measure-charts">
            {CHARTS.map((c) => (
              <MeasureChart key={c.key} meetings={loaded.meetings} chart={c} />
            ))}
          </div>
        </>
      )}
    </details>
  );
}
