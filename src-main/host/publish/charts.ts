import type { Minutes } from '../../../src-shared/minutes/model.js';
import type { MinutesText } from '../../../src-shared/minutes/wording.js';
import { isoDateTime } from '../../../src-shared/minutes/format.js';
import { chartData, renderChartPng } from '../export/chart.js';
import { pollChartPng } from '../export/poll-chart.js';

/**
 * The meeting's charts as PNG files beside its page (the DOCX's pictures: chart.ts, poll-chart.ts). The
 * pictures carry digits only (24-hour times, counts), so one set serves every language; the page gives
 * each an alt text with its numbers and a table of them.
 */
export interface MeetingCharts {
  timeline: { labels: string[]; panels: Array<{ title: string; values: number[]; file: string }> } | null;
  /** One file per poll of the minutes, in order. */
  polls: string[];
}

export interface ChartFile {
  name: string;
  data: Uint8Array;
}

/** The files (drawn once) and their names; `titles` only name the panels for the alt text. */
export function meetingChartFiles(m: Minutes): ChartFile[] {
  const files: ChartFile[] = [];
  const tz = m.session.timeZone;
  const data = chartData(m.participation, (at) => isoDateTime(at, tz).slice(11, 16), { questions: '', votes: '' });
  if (data) {
    data.panels.forEach((panel, i) => files.push({ name: TIMELINE_FILES[i]!, data: renderChartPng(panel, data.labels, data.labelled) }));
  }
  (m.polls ?? []).forEach((poll) => files.push({ name: pollFile(poll.number), data: pollChartPng(poll, '') }));
  return files;
}

const TIMELINE_FILES = ['chart-questions.png', 'chart-votes.png'] as const;
const pollFile = (n: number) => `poll-${n}.png`;

/** What the page says about the charts, in its language. */
export function meetingCharts(m: Minutes, t: MinutesText): MeetingCharts {
  const tz = m.session.timeZone;
  const data = chartData(m.participation, (at) => isoDateTime(at, tz).slice(11, 16), t.chartLegend);
  return {
    timeline: data
      ? { labels: data.labels, panels: data.panels.map((p, i) => ({ title: p.title, values: p.values, file: TIMELINE_FILES[i]! })) }
      : null,
    polls: (m.polls ?? []).map((p) => pollFile(p.number)),
  };
}
