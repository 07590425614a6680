/**
 * The audit workbook's Summary and Scorecard sheets. With `--headers api` they are what scripts have always
 * read: English names and headers, raw status and channel words, averages as stored. A friendly export
 * writes them in its language, with channels and statuses by name and averages shown with two decimals.
 */
import { channelName } from '../api/channel-names';
import type { ExportColumn, SheetSpec } from '../export/types';
import type { Scorecard, SummaryRow } from '../reviews';
import type { AuditSummary } from '../store/store';
import { statusWord, type ExportLabels } from './export-labels';

type Row = Record<string, unknown>;

async function* once(rows: Row[]): AsyncGenerator<Row[]> {
  yield rows;
}

/** How a sheet's words are chosen: the labels of the export's language (English for api), and whether friendly. */
export interface SheetWords {
  labels: ExportLabels;
  friendly: boolean;
  language: 'en' | 'es';
}

function summaryRows(w: SheetWords, dimension: 'agent' | 'channel' | 'status' | 'total', rows: SummaryRow[]): Row[] {
  const s = w.labels.summary;
  const title = { agent: s.agent, channel: s.channel, status: s.statusDimension, total: s.total }[dimension];
  const keyOf = (key: string): string => {
    if (dimension === 'total') return key || s.all;
    if (!key) return s.empty;
    if (!w.friendly) return key;
    return dimension === 'channel' ? channelName(key, w.language) : dimension === 'status' ? statusWord(w.labels, key) : key;
  };
  return rows.map((r) => ({
    dimension: title, key: keyOf(r.key), interactions: r.interactions, reviewed: r.reviewed, passed: r.passed, failed: r.failed,
    pass_rate: r.passRate === null ? null : Math.round(r.passRate * 10_000) / 100, average_score: r.averageScore,
    evaluated: r.evaluated, average_evaluation: r.averageEvaluation,
  }));
}

export function summarySheet(w: SheetWords, summary: AuditSummary['summary']): SheetSpec {
  const s = w.labels.summary;
  // Averages and rates keep their full value; a friendly export shows them with two decimals.
  const average = w.friendly ? ('decimal' as const) : ('number' as const);
  const columns: ExportColumn[] = [
    { key: 'dimension', header: s.by, kind: 'text' },
    { key: 'key', header: s.value, kind: 'text', width: 30 },
    { key: 'interactions', header: s.interactions, kind: 'integer' },
    { key: 'reviewed', header: s.reviewed, kind: 'integer' },
    { key: 'passed', header: s.passed, kind: 'integer' },
    { key: 'failed', header: s.failed, kind: 'integer' },
    { key: 'pass_rate', header: s.passRate, kind: average },
    { key: 'average_score', header: s.averageScore, kind: average },
    { key: 'evaluated', header: s.evaluated, kind: 'integer' },
    { key: 'average_evaluation', header: s.averageEvaluation, kind: average },
  ];
  const rows = [
    ...summaryRows(w, 'agent', summary.byAgent), ...summaryRows(w, 'channel', summary.byChannel),
    ...summaryRows(w, 'status', summary.byStatus), ...summaryRows(w, 'total', [summary.total]),
  ];
  return { name: w.labels.sheets.summary, columns, rows: once(rows) };
}

export function scorecardSheet(w: SheetWords, scorecards: readonly Scorecard[]): SheetSpec {
  const c = w.labels.scorecard;
  const columns: ExportColumn[] = [
    { key: 'scorecard', header: c.scorecard, kind: 'text' },
    { key: 'version', header: c.version, kind: 'integer' },
    { key: 'pass_mark', header: c.passMark, kind: 'number' },
    { key: 'key', header: c.key, kind: 'text' },
    { key: 'name', header: c.attribute, kind: 'text', width: 30 },
    { key: 'weight', header: c.weight, kind: 'number' },
    { key: 'scale', header: c.scale, kind: 'text' },
    { key: 'critical', header: c.critical, kind: 'text' },
    { key: 'cell', header: c.cell, kind: 'text', width: 24 },
    // Added after the columns scripts already read, so their places stay.
    { key: 'na_allowed', header: c.naAllowed, kind: 'text' },
    { key: 'help', header: c.help, kind: 'text', wrap: true, width: 40 },
  ];
  // What the Interactions sheet holds for an attribute; api keeps its raw scale and yes/no words.
  const yes = w.friendly ? w.labels.yes : 'yes';
  const no = w.friendly ? w.labels.no : 'no';
  const scale = (s: Scorecard['attributes'][number]['scale']) => (!w.friendly ? s : s === 'yes-no' ? c.scaleYesNo : c.scaleFive);
  const cell = (s: Scorecard['attributes'][number]['scale']) => (s === 'yes-no' ? c.cellYesNo(w.labels.yes, w.labels.no) : c.cellFive);
  const rows = scorecards.flatMap((card) =>
    card.attributes.map((a) => ({
      scorecard: card.name, version: card.version, pass_mark: card.passMark, key: a.key, name: a.name, weight: a.weight,
      scale: scale(a.scale), critical: a.critical ? yes : no, na_allowed: a.naAllowed ? yes : no, help: a.help,
      cell: cell(a.scale) + (a.naAllowed ? c.cellNa : ''),
    })),
  );
  return { name: w.labels.sheets.scorecard, columns, rows: once(rows) };
}
