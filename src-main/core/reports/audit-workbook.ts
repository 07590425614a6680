import { writeExport, type ExportResult } from '../export';
import type { ExportColumn, SheetSpec } from '../export/types';
import type { Scorecard, SummaryRow } from '../reviews';
import type { InteractionFilter, SortSpec } from '../store/filters';
import type { Store } from '../store/store';
import type { InteractionExportRequest } from './export-interactions';
import { insightsSheets } from './insights-sheet';
import { interactionCells, interactionColumns } from './interactions-sheet';

const BATCH = 500;


/**
 * One column per attribute, of kind number: a 1-5 score is a numeric cell Excel can average and chart, and a
 * yes/no answer, which is not a number, stays readable text ("Yes"/"No"; the number kind keeps text as text).
 * The Scorecard sheet states this per attribute.
 */
function attributeColumns(scorecards: readonly Scorecard[]): ExportColumn[] {
  const seen = new Map<string, string>();
  for (const card of scorecards) for (const a of card.attributes) if (!seen.has(a.key)) seen.set(a.key, a.name);
  return [...seen].map(([key, name]) => ({ key: `score.${key}`, header: name, kind: 'number' as const }));
}

const REVIEW_COLUMNS: ExportColumn[] = [
  { key: 'review_status', header: 'Review status', kind: 'text' },
];
const REVIEW_TAIL: ExportColumn[] = [
  { key: 'overall_score', header: 'Overall score', kind: 'number' },
  { key: 'note', header: 'Review note', kind: 'text', wrap: true },
  { key: 'tags', header: 'Tags', kind: 'text' },
  { key: 'reviewer', header: 'Reviewer', kind: 'text' },
  { key: 'reviewed_at', header: 'Review time', kind: 'date' },
  // Whether an auditor overrode the result (and why), and the scorecard version it was scored with. Last, so
  // the columns scheduled jobs already read keep their places.
  { key: 'review_overridden', header: 'Result overridden', kind: 'text' },
  { key: 'override_reason', header: 'Override reason', kind: 'text', wrap: true },
  { key: 'scorecard', header: 'Scorecard', kind: 'text' },
  { key: 'scorecard_version', header: 'Scorecard version', kind: 'integer' },
];

/** Scores as Excel shows them: Yes/No text for yes-no attributes, the number for 1-5, N/A where it does not apply. */
function scoreCell(value: unknown): unknown {
  return value === true ? 'Yes' : value === false ? 'No' : value === 'na' ? 'N/A' : typeof value === 'number' ? value : null;
}

/** What the Interactions sheet holds for an attribute, told in the Scorecard sheet. */
const SCORE_CELL: Record<Scorecard['attributes'][number]['scale'], string> = {
  'yes-no': 'Text: Yes or No',
  '1-5': 'Number from 1 to 5',
};
const NA_CELL = ' (or N/A)';

/** What the audit workbook reads of the cache. */
export type AuditSource = Pick<Store, 'exportWalk' | 'reviewRows' | 'auditSummary' | 'insights'>;

async function* reviewedBatches(
  store: AuditSource,
  filter: InteractionFilter,
  sort: SortSpec | undefined,
  scorecards: readonly Scorecard[],
): AsyncGenerator<Array<Record<string, unknown>>> {
  const names = new Map(scorecards.map((c) => [`${c.id}@${c.version}`, c.name]));
  for await (const batch of store.exportWalk(filter, sort, BATCH)) {
    const reviews = await store.reviewRows(batch.map((r) => r.uid));
    yield batch.map((row) => {
      const cells = interactionCells(row);
      const review = reviews.get(row.uid);
      cells.review_status = review?.status ?? 'unreviewed';
      if (review) {
        Object.assign(cells, {
          review_overridden: review.override_status === null ? 'No' : 'Yes',
          override_reason: review.override_reason,
          scorecard: names.get(`${review.scorecard_id}@${review.scorecard_version}`) ?? review.scorecard_id,
          scorecard_version: review.scorecard_version,
        });
        for (const [key, value] of Object.entries(JSON.parse(review.scores) as Record<string, unknown>)) cells[`score.${key}`] = scoreCell(value);
        Object.assign(cells, {
          overall_score: review.overall_score, note: review.note, tags: (JSON.parse(review.tags) as string[]).join(', '),
          reviewer: review.reviewer, reviewed_at: review.updated_at,
        });
      }
      return cells;
    });
  }
}

async function* once<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}

function summaryRows(dimension: string, rows: SummaryRow[]): Array<Record<string, unknown>> {
  return rows.map((r) => ({
    dimension, key: r.key || (dimension === 'Total' ? 'All' : '(empty)'), interactions: r.interactions, reviewed: r.reviewed, passed: r.passed, failed: r.failed,
    pass_rate: r.passRate === null ? null : Math.round(r.passRate * 10_000) / 100, average_score: r.averageScore,
    evaluated: r.evaluated, average_evaluation: r.averageEvaluation,
  }));
}

const SUMMARY_COLUMNS: ExportColumn[] = [
  { key: 'dimension', header: 'By', kind: 'text' },
  { key: 'key', header: 'Value', kind: 'text', width: 30 },
  { key: 'interactions', header: 'Interactions', kind: 'integer' },
  { key: 'reviewed', header: 'Reviewed', kind: 'integer' },
  { key: 'passed', header: 'Passed', kind: 'integer' },
  { key: 'failed', header: 'Failed', kind: 'integer' },
  { key: 'pass_rate', header: 'Pass rate (%)', kind: 'number' },
  { key: 'average_score', header: 'Average score', kind: 'number' },
  { key: 'evaluated', header: 'Survey answers', kind: 'integer' },
  { key: 'average_evaluation', header: 'Average survey evaluation', kind: 'number' },
];

const SCORECARD_COLUMNS: ExportColumn[] = [
  { key: 'scorecard', header: 'Scorecard', kind: 'text' },
  { key: 'version', header: 'Version', kind: 'integer' },
  { key: 'pass_mark', header: 'Pass mark', kind: 'number' },
  { key: 'key', header: 'Attribute key', kind: 'text' },
  { key: 'name', header: 'Attribute', kind: 'text', width: 30 },
  { key: 'weight', header: 'Weight', kind: 'number' },
  { key: 'scale', header: 'Scale', kind: 'text' },
  { key: 'critical', header: 'Critical', kind: 'text' },
  { key: 'na_allowed', header: 'N/A allowed', kind: 'text' },
  { key: 'help', header: 'Help', kind: 'text', wrap: true, width: 40 },
  { key: 'cell', header: 'In the Interactions sheet', kind: 'text', width: 24 },
];

/**
 * The audit-ready workbook: Interactions with their reviews, Summary per agent, channel and status, the
 * tables behind the Insights charts (insights-sheet.ts: one sheet each, after Summary), and the Scorecard used.
 */
export async function exportAuditWorkbook(store: AuditSource, req: InteractionExportRequest): Promise<ExportResult> {
  const { scorecards, summary } = await store.auditSummary(req.filter);
  const columns = [...interactionColumns(req.headers, req.language), ...REVIEW_COLUMNS, ...attributeColumns(scorecards), ...REVIEW_TAIL];
  const sheets: SheetSpec[] = [{ name: 'Interactions', columns, rows: reviewedBatches(store, req.filter, req.sort, scorecards) }];
  if (req.format === 'xlsx') {
    sheets.push({
      name: 'Summary',
      columns: SUMMARY_COLUMNS,
      rows: once([...summaryRows('Agent', summary.byAgent), ...summaryRows('Channel', summary.byChannel), ...summaryRows('Status', summary.byStatus), ...summaryRows('Total', [summary.total])]),
    });
    sheets.push(...insightsSheets(await store.insights(req.filter, req.zone), req.language));
    sheets.push({
      name: 'Scorecard',
      columns: SCORECARD_COLUMNS,
      rows: once(
        scorecards.flatMap((c) =>
          c.attributes.map((a) => ({
            scorecard: c.name, version: c.version, pass_mark: c.passMark, key: a.key, name: a.name, weight: a.weight, scale: a.scale,
            critical: a.critical ? 'yes' : 'no', na_allowed: a.naAllowed ? 'yes' : 'no', help: a.help, cell: SCORE_CELL[a.scale] + (a.naAllowed ? NA_CELL : ''),
          })),
        ),
      ),
    });
  }
  return writeExport({ outPath: req.outPath, format: req.format, zone: req.zone, signal: req.signal, onProgress: req.onProgress, sheets });
}
