/**
 * The one rule a review's result follows, pure and free of any library, so the service, the migration's
 * tests and the UI (through api/constants.ts) compute the same thing:
 *
 * - Nothing answered and no note or tag: 'unreviewed'. A note or a tag alone is work started: 'in review'
 *   (so "next unreviewed" skips it, and retention's "keep reviewed" keeps the note).
 * - Some attributes unanswered: 'in review', whatever the answers so far, a failed critical item included
 *   (the UI shows it as a warning; the result waits for every answer). 'in review' counts as not reviewed.
 * - Every attribute answered: 'pass' when the overall score is at least the pass mark and no critical item
 *   failed, 'fail' otherwise. Recomputed on every save, so correcting a critical "No" to "Yes" turns Fail
 *   back into Pass, and a score exactly at the pass mark passes.
 * - N/A (where the attribute allows it) is an answer: it is left out of the weighted score and never fails
 *   as critical. Every attribute N/A: 'pass' with no score (nothing applied, so nothing was done wrong;
 *   the review is still counted, and the missing score keeps it out of score averages).
 *
 * An auditor's override (pass or fail, with a reason, on a complete review) replaces the result; the
 * effective status is override ?? computed.
 */
import type { OverrideStatus, ReviewStatus, Scorecard, ScorecardAttribute, Scores, ScoreValue } from './types';

type Card = Pick<Scorecard, 'attributes' | 'passMark'>;

/** Whether `value` is a valid answer on the attribute's scale (null, "not answered", is always valid). */
export function isValidScore(attribute: ScorecardAttribute, value: unknown): value is ScoreValue {
  if (value === null) return true;
  if (value === 'na') return attribute.naAllowed === true;
  if (attribute.scale === 'yes-no') return typeof value === 'boolean';
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

/** 0..1 for a scored answer (yes = 1, no = 0; on 1-5, 1 = 0 and 5 = 1); 'na' for N/A; null when unanswered or invalid. */
function fraction(attribute: ScorecardAttribute, value: ScoreValue | undefined): number | 'na' | null {
  if (value === null || value === undefined || !isValidScore(attribute, value)) return null;
  if (value === 'na') return 'na';
  if (attribute.scale === 'yes-no') return value ? 1 : 0;
  return ((value as number) - 1) / 4;
}

/** Whether the attribute holds a valid answer (N/A included). */
export function isAnswered(attribute: ScorecardAttribute, scores: Scores): boolean {
  return fraction(attribute, scores[attribute.key]) !== null;
}

/**
 * Weighted overall score, 0-100, rounded to 2 decimals (so the stored value, the workbook and a
 * recomputation agree; the rule compares this rounded value). N/A answers are left out. Null until every
 * attribute is answered (a partial score would mislead), and when every answer is N/A.
 */
export function overallScore(scorecard: Pick<Scorecard, 'attributes'>, scores: Scores): number | null {
  let total = 0;
  let weights = 0;
  for (const attribute of scorecard.attributes) {
    const f = fraction(attribute, scores[attribute.key]);
    if (f === null) return null;
    if (f === 'na') continue;
    total += attribute.weight * f;
    weights += attribute.weight;
  }
  if (weights === 0) return null;
  return Math.round((total / weights) * 10000) / 100;
}

/** The critical attributes answered as failed (no, or 1 on the 1-5 scale); N/A never fails. */
export function failedCriticals(scorecard: Pick<Scorecard, 'attributes'>, scores: Scores): ScorecardAttribute[] {
  return scorecard.attributes.filter((a) => a.critical && fraction(a, scores[a.key]) === 0);
}

export interface ReviewResult {
  status: ReviewStatus;
  /** Every attribute answered (an override is possible only then). */
  complete: boolean;
  overallScore: number | null;
  /** Keys of critical attributes answered as failed (a warning while the review is incomplete). */
  failedCriticals: string[];
}

/** The result the answers give, by the rule above; `content` tells whether the review has a note or tags. */
export function reviewResult(scorecard: Card, scores: Scores, content?: { note: string; tags: readonly string[] }): ReviewResult {
  const answered = scorecard.attributes.filter((a) => isAnswered(a, scores)).length;
  const complete = answered === scorecard.attributes.length && answered > 0;
  const failed = failedCriticals(scorecard, scores).map((a) => a.key);
  const overall = complete ? overallScore(scorecard, scores) : null;
  let status: ReviewStatus;
  if (answered === 0) status = content && (content.note !== '' || content.tags.length > 0) ? 'in review' : 'unreviewed';
  else if (!complete) status = 'in review';
  else if (failed.length > 0) status = 'fail';
  else status = overall === null || overall >= scorecard.passMark ? 'pass' : 'fail';
  return { status, complete, overallScore: overall, failedCriticals: failed };
}

/** The status a review shows and counts as: the override when there is one, else the computed result. */
export function effectiveStatus(computed: ReviewStatus, override: { status: OverrideStatus } | null | undefined): ReviewStatus {
  return override ? override.status : computed;
}
