/** TEMPORARY skeleton (this session): the audit part of the PostgreSQL store, being built. */
import type { PgContext } from '../pg-context';
import { notBuilt, type PgAudit } from '../parts';

export function pgAudit(_ctx: PgContext): PgAudit {
  return notBuilt<PgAudit>(["getReview", "saveReview", "reviewHistory", "reviewStatuses", "reviewMarks", "reviewCounts", "reviewRows", "auditSummary", "activeScorecard", "saveScorecard", "scorecardVersion", "listScorecards", "drawSample", "listSamples", "sampleByName", "sampleMembers", "previewSample", "sampleById", "renameSample", "deleteSample"]);
}
