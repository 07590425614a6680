/**
 * The tables behind the Insights view's charts, as worksheets of the audit workbook: the figures of
 * Store.insights for the exported selection in the export's zone, every figure a number cell.
 *
 * One worksheet per table rather than blocks stacked under the Summary table: the writer gives every
 * sheet a frozen header row and an autofilter over all its rows, and a column one kind for the whole
 * sheet. Stacked blocks would sit under the Summary's frozen headers ("By", "Value", …), one sort would
 * shuffle the blocks into each other, and a column could not be text in one block (a typification
 * code such as 0012, which must keep its zeros) and a number in the next. On its own sheet each table
 * keeps its own headers in view, sorts and filters in Excel, and feeds a chart or PivotTable directly.
 * The tab name is the table's title; the sheets sit right after Summary, in the order of the view's
 * charts. With `--headers api` sheet names stay English in both languages, as Interactions, Summary and
 * Scorecard do, so a script finds them by name; a friendly export names them in its language, shows
 * channels by name and averages with two decimals. Headers and labels follow the export's language.
 *
 * Units: percentages 0-100, handle times in minutes, scores 0-100, survey evaluations 1-5, all rounded
 * to two decimals (a friendly export shows them so; api keeps Excel's General format); counts are
 * integers. Days, hours and weeks are dates of the export's zone (real Excel dates, so a chart gets a
 * time axis). An empty figure (no closed interaction, no review) is an empty cell, never 0. An empty
 * selection gives headers only.
 */
import { channelName } from '../api/channel-names';
import type { ExportColumn, SheetSpec } from '../export/types';
import type { AuditFigures, Insights } from '../insights/insights-types';
import { insightsLabels, type InsightsLabels } from './insights-labels';

export const INSIGHTS_SHEETS = {
  volume: 'Insights – Volume',
  heatmap: 'Insights – Weekday × hour',
  agents: 'Insights – Agents',
  typifications: 'Insights – Typifications',
  surveyAnswers: 'Insights – Survey answers',
  surveyWeeks: 'Insights – Survey by week',
  auditAttributes: 'Insights – Audit by attribute',
  auditAgents: 'Insights – Audit by agent',
  auditWeeks: 'Insights – Audit by week',
} as const;

/** A friendly Spanish export's tab names (Excel allows 31 characters). */
export const INSIGHTS_SHEETS_ES: Record<keyof typeof INSIGHTS_SHEETS, string> = {
  volume: 'Insights – Volumen',
  heatmap: 'Insights – Día × hora',
  agents: 'Insights – Agentes',
  typifications: 'Insights – Tipificaciones',
  surveyAnswers: 'Insights – Encuesta, respuestas',
  surveyWeeks: 'Insights – Encuesta por semana',
  auditAttributes: 'Insights – Auditoría, atributos',
  auditAgents: 'Insights – Auditoría por agente',
  auditWeeks: 'Insights – Auditoría por semana',
};

type SheetNames = Record<keyof typeof INSIGHTS_SHEETS, string>;

type Row = Record<string, unknown>;

const round2 = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);
const percent = (ratio: number | null): number | null => (ratio === null ? null : round2(ratio * 100));
const minutes = (ms: number | null): number | null => (ms === null ? null : round2(ms / 60_000));

async function* once(rows: Row[]): AsyncGenerator<Row[]> {
  yield rows;
}

const int = (key: string, header: string): ExportColumn => ({ key, header, kind: 'integer' });
const num = (key: string, header: string): ExportColumn => ({ key, header, kind: 'number' });
const text = (key: string, header: string, width = 30): ExportColumn => ({ key, header, kind: 'text', width });
const date = (key: string, header: string): ExportColumn => ({ key, header, kind: 'date', width: Math.max(header.length + 2, 20) });

function sheet(name: string, columns: ExportColumn[], rows: Row[]): SheetSpec {
  return { name, columns, rows: once(rows) };
}

function volume(ins: Insights, l: InsightsLabels, n: SheetNames, channel: (c: string) => string): SheetSpec {
  const { unit, channels, points } = ins.volume;
  const channelColumns = channels.map((c, i): ExportColumn => {
    const header = l.channelCount(c ? channel(c) : l.empty);
    return { key: `c${i}`, header, kind: 'integer', width: Math.min(Math.max(header.length + 2, 10), 40) };
  });
  const rows = points.map((p) => {
    const row: Row = { start: p.startUtc, total: p.total };
    p.counts.forEach((n, i) => (row[`c${i}`] = n));
    return row;
  });
  return sheet(n.volume, [date('start', unit === 'hour' ? l.hour(ins.zone) : l.day(ins.zone)), ...channelColumns, int('total', l.total)], rows);
}

function heatmap(ins: Insights, l: InsightsLabels, n: SheetNames): SheetSpec {
  const hours = Array.from({ length: 24 }, (_, h): ExportColumn => ({ key: `h${h}`, header: `${String(h).padStart(2, '0')}:00`, kind: 'integer', width: 7 }));
  const dated = ins.heatmap.flat().reduce((a, b) => a + b, 0);
  // No dated interaction: headers only, like every other table of an empty selection (not 168 zeros).
  const rows = dated === 0 ? [] : ins.heatmap.map((counts, d) => {
    const row: Row = { weekday: l.weekdays[d], total: counts.reduce((a, b) => a + b, 0) };
    counts.forEach((n, h) => (row[`h${h}`] = n));
    return row;
  });
  const first = l.weekday(ins.zone);
  return sheet(n.heatmap, [text('weekday', first, Math.min(first.length + 2, 60)), ...hours, int('total', l.total)], rows);
}

function agents(ins: Insights, l: InsightsLabels, n: SheetNames): SheetSpec {
  const columns = [
    text('agent', l.agent), int('interactions', l.interactions), int('closed', l.closed), num('share_closed', l.shareClosed),
    num('median', l.median), num('p90', l.p90), int('evaluated', l.evaluated), num('evaluation', l.evaluation),
    int('reviewed', l.reviewed), int('passed', l.passed), num('pass_rate', l.passRate), num('score', l.score),
  ];
  const rows = ins.agents.map((a) => ({
    agent: a.agent || l.empty, interactions: a.interactions, closed: a.closed, share_closed: percent(a.shareClosed),
    median: minutes(a.medianHandleMs), p90: minutes(a.p90HandleMs), evaluated: a.evaluated, evaluation: round2(a.averageEvaluation),
    reviewed: a.reviewed, passed: a.passed, pass_rate: percent(a.passRate), score: round2(a.averageScore),
  }));
  return sheet(n.agents, columns, rows);
}

/**
 * The top typifications, one row per code (the store groups by code and names each by its newest
 * description, as the facet does), then one row for all the others (closed ones counted from the agents' table).
 */
function typifications(ins: Insights, l: InsightsLabels, n: SheetNames): SheetSpec {
  const { top, distinct } = ins.typifications;
  const rows: Row[] = top.map((t) => ({ code: t.code || l.empty, description: t.description, total: t.total, open: t.open, closed: t.closed }));
  if (distinct > top.length) {
    const total = ins.total - top.reduce((s, t) => s + t.total, 0);
    const closed = ins.agents.reduce((s, a) => s + a.closed, 0) - top.reduce((s, t) => s + t.closed, 0);
    rows.push({ code: l.otherTypifications(distinct - top.length), description: '', total, open: total - closed, closed });
  }
  const columns = [text('code', l.code, 24), text('description', l.description, 40), int('total', l.interactions), int('open', l.open), int('closed', l.closed)];
  return sheet(n.typifications, columns, rows);
}

function surveyAnswers(ins: Insights, l: InsightsLabels, n: SheetNames): SheetSpec {
  const rows = ins.survey.distribution.map((d) => ({
    answer: d.value === '' ? l.noAnswer : d.value, count: d.count, share: ins.total ? percent(d.count / ins.total) : null,
  }));
  return sheet(n.surveyAnswers, [text('answer', l.answer), int('count', l.interactions), num('share', l.share)], rows);
}

function surveyWeeks(ins: Insights, l: InsightsLabels, n: SheetNames): SheetSpec {
  const rows = ins.survey.weekly.map((w) => ({ week: w.startUtc, evaluated: w.evaluated, evaluation: round2(w.averageEvaluation) }));
  return sheet(n.surveyWeeks, [date('week', l.week(ins.zone)), int('evaluated', l.evaluated), num('evaluation', l.evaluation)], rows);
}

function auditColumns(l: InsightsLabels): ExportColumn[] {
  return [
    int('reviewed', l.reviewed), int('passed', l.passed), int('failed', l.failed), num('pass_rate', l.passRate), num('score', l.score), int('critical', l.criticalFailures),
    int('overridden', l.overridden),
  ];
}

function auditCells(a: AuditFigures): Row {
  return {
    reviewed: a.reviewed, passed: a.passed, failed: a.failed, pass_rate: percent(a.passRate), score: round2(a.averageScore), critical: a.criticalFailures, overridden: a.overridden,
  };
}

function auditAttributes(ins: Insights, l: InsightsLabels, n: SheetNames): SheetSpec {
  const columns = [
    text('name', l.attribute), text('key', l.attributeKey, 20), text('is_critical', l.isCritical, 10), int('scored', l.scored),
    int('failed', l.attributeFailed), num('pass_rate', l.passRate), num('score', l.score), int('critical', l.criticalFailures), int('overridden', l.overridden),
  ];
  const rows = ins.audit.attributes.map((a) => ({
    name: a.name, key: a.key, is_critical: a.critical ? l.yes : l.no, scored: a.scored, failed: a.failed,
    pass_rate: percent(a.passRate), score: round2(a.averageScore), critical: a.criticalFailures, overridden: a.overridden,
  }));
  return sheet(n.auditAttributes, columns, rows);
}

function auditAgents(ins: Insights, l: InsightsLabels, n: SheetNames): SheetSpec {
  const rows = ins.audit.byAgent.map((a) => ({ agent: a.agent || l.empty, ...auditCells(a) }));
  return sheet(n.auditAgents, [text('agent', l.agent), ...auditColumns(l)], rows);
}

function auditWeeks(ins: Insights, l: InsightsLabels, n: SheetNames): SheetSpec {
  const rows = ins.audit.byWeek.map((w) => ({ week: w.startUtc, ...auditCells(w) }));
  return sheet(n.auditWeeks, [date('week', l.week(ins.zone)), ...auditColumns(l)], rows);
}

export interface InsightsSheetStyle {
  /** A friendly export: sheet names in its language, channels by name, averages shown with two decimals. */
  friendly?: boolean;
}

/** The Insights tables as worksheets, in the order of the view's charts. */
export function insightsSheets(ins: Insights, language: 'en' | 'es' = 'en', style: InsightsSheetStyle = {}): SheetSpec[] {
  const l = insightsLabels(language);
  const n = style.friendly && language === 'es' ? INSIGHTS_SHEETS_ES : INSIGHTS_SHEETS;
  const channel = style.friendly ? (c: string) => channelName(c, language) : (c: string) => c;
  const sheets = [
    volume(ins, l, n, channel), heatmap(ins, l, n), agents(ins, l, n), typifications(ins, l, n), surveyAnswers(ins, l, n), surveyWeeks(ins, l, n),
    auditAttributes(ins, l, n), auditAgents(ins, l, n), auditWeeks(ins, l, n),
  ];
  if (!style.friendly) return sheets;
  // Every non-integer figure here is an average, a percentage or a time, rounded to two decimals: shown so.
  return sheets.map((s) => ({ ...s, columns: s.columns.map((c) => (c.kind === 'number' ? { ...c, kind: 'decimal' as const } : c)) }));
}
