import { writeExport, type ExportResult } from '../export';
import type { ExportColumn, SheetSpec } from '../export/types';
import type { ReviewStatus, Scorecard } from '../reviews';
import type { Store } from '../store/store';
import { scorecardSheet, summarySheet, type SheetWords } from './audit-sheets';
import { exportLabels, type ExportLabels } from './export-labels';
import { interactionsSheetName, type InteractionExportRequest } from './export-interactions';
import { insightsSheets } from './insights-sheet';
import { teamSheets, type TeamSource } from './team-sheets';
import { cellsFor, interactionColumns } from './interactions-sheet';

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

function reviewColumns(l: ExportLabels): ExportColumn[] {
  return [{ key: 'review_status', header: l.review.status, kind: 'text' }];
}

function reviewTail(l: ExportLabels): ExportColumn[] {
  return [
    { key: 'overall_score', header: l.review.overall, kind: 'number' },
    { key: 'note', header: l.review.note, kind: 'text', wrap: true },
    { key: 'tags', header: l.review.tags, kind: 'text' },
    { key: 'reviewer', header: l.review.reviewer, kind: 'text' },
    { key: 'reviewed_at', header: l.review.time, kind: 'date' },
    // Whether an auditor overrode the result (and why), and the scorecard version it was scored with. Last, so
    // the columns scheduled jobs already read keep their places.
    { key: 'review_overridden', header: l.review.overridden, kind: 'text' },
    { key: 'override_reason', header: l.review.overrideReason, kind: 'text', wrap: true },
    { key: 'scorecard', header: l.review.scorecard, kind: 'text' },
    { key: 'scorecard_version', header: l.review.scorecardVersion, kind: 'integer' },
  ];
}

/** Scores as Excel shows them: Yes/No text (in the export's words) for yes-no attributes, the number for 1-5, N/A where it does not apply. */
function scoreCell(value: unknown, l: ExportLabels): unknown {
  return value === true ? l.yes : value === false ? l.no : value === 'na' ? l.na : typeof value === 'number' ? value : null;
}

/** What the audit workbook reads of the cache. */
export type AuditSource = Pick<Store, 'exportWalk' | 'reviewRows' | 'auditSummary' | 'insights'> & TeamSource;

async function* reviewedBatches(
  store: AuditSource,
  req: InteractionExportRequest,
  w: SheetWords,
  scorecards: readonly Scorecard[],
): AsyncGenerator<Array<Record<string, unknown>>> {
  const interactionCells = cellsFor(req.headers, req.language);
  const names = new Map(scorecards.map((c) => [`${c.id}@${c.version}`, c.name]));
  // api: the raw review status (`in review`); friendly: its name in the export's language.
  const statusOf = (status: ReviewStatus): string => (w.friendly ? (w.labels.reviewStatus[status] ?? status) : status);
  for await (const batch of store.exportWalk(req.filter, req.sort, BATCH)) {
    const reviews = await store.reviewRows(batch.map((r) => r.uid));
    yield batch.map((row) => {
      const cells = interactionCells(row);
      const review = reviews.get(row.uid);
      cells.review_status = statusOf(review?.status ?? 'unreviewed');
      if (review) {
        Object.assign(cells, {
          review_overridden: review.override === null ? w.labels.no : w.labels.yes,
          override_reason: review.override?.reason ?? null,
          scorecard: names.get(`${review.scorecardId}@${review.scorecardVersion}`) ?? review.scorecardId,
          scorecard_version: review.scorecardVersion,
        });
        for (const [key, value] of Object.entries(review.scores)) cells[`score.${key}`] = scoreCell(value, w.labels);
        Object.assign(cells, {
          overall_score: review.overallScore, note: review.note, tags: review.tags.join(', '),
          reviewer: review.reviewer, reviewed_at: review.updatedAt,
        });
      }
      return cells;
    });
  }
}

/**
 * The audit-ready workbook: Interactions with their reviews, Summary per agent, channel and status, the
 * tables behind the Insights charts (insights-sheet.ts: one sheet each, after Summary), and the Scorecard used.
 * With `--headers api`, English names and raw values throughout (a script's contract); otherwise the export's
 * language, names for codes, and the chosen interaction columns in the grid's order.
 */
export async function exportAuditWorkbook(store: AuditSource, req: InteractionExportRequest): Promise<ExportResult> {
  const { scorecards, summary } = await store.auditSummary(req.filter);
  const friendly = req.headers === 'friendly';
  const language = req.language ?? 'en';
  const w: SheetWords = { labels: exportLabels(friendly ? language : 'en'), friendly, language };
  const columns = [...interactionColumns(req.headers, req.language, req.columns), ...reviewColumns(w.labels), ...attributeColumns(scorecards), ...reviewTail(w.labels)];
  const sheets: SheetSpec[] = [{ name: interactionsSheetName(req), columns, rows: reviewedBatches(store, req, w, scorecards) }];
  if (req.format === 'xlsx') {
    sheets.push(summarySheet(w, summary));
    sheets.push(...insightsSheets(await store.insights(req.filter, req.zone), req.language, { friendly }));
    sheets.push(scorecardSheet(w, scorecards));
    // Last, and only for a sample that has them (team-sheets.ts): every other workbook stays as it was.
    sheets.push(...(await teamSheets(store, req.filter.sampleId, friendly ? language : 'en')));
  }
  return writeExport({ outPath: req.outPath, format: req.format, zone: req.zone, signal: req.signal, onProgress: req.onProgress, csvSeparator: req.separator, sheets });
}
