/**
 * The audit part of the PostgreSQL store: reviews (review-save.ts, review-rows.ts), progress and the
 * workbook's summary (progress.ts, summary.ts), scorecard versions (scorecards.ts) and samples
 * (samples.ts, sample-draw.ts). Behaviour as the SQLite store's; the decisions are core/reviews'.
 */
import type { ReviewStatus } from '../../../reviews/types';
import type { PgContext } from '../pg-context';
import type { PgAudit } from '../parts';
import { reviewCountsOf } from './progress';
import { readHistory, readMarks, readReview, readReviews } from './review-rows';
import { saveReview } from './review-save';
import { previewOf, drawSampleIn } from './sample-draw';
import { pgSamples } from './samples';
import { pgScorecards } from './scorecards';
import { auditSummaryOf } from './summary';

export function pgAudit(ctx: PgContext): PgAudit {
  return {
    getReview: (uid) => readReview(ctx, uid),
    saveReview: (input, now) => saveReview(ctx, input, now),
    reviewHistory: (uid) => readHistory(ctx, uid),
    async reviewStatuses(uids) {
      const marks = await readMarks(ctx, uids);
      return new Map<string, ReviewStatus>([...marks].map(([uid, mark]) => [uid, mark.status]));
    },
    reviewMarks: (uids) => readMarks(ctx, uids),
    reviewCounts: (filter) => reviewCountsOf(ctx, filter),
    reviewRows: (uids) => readReviews(ctx, uids),
    auditSummary: (filter) => auditSummaryOf(ctx, filter),
    ...pgScorecards(ctx),
    drawSample: (draw, now) => drawSampleIn(ctx, draw, now),
    previewSample: (filter, rule) => previewOf(ctx, filter, rule),
    ...pgSamples(ctx),
  };
}
