/**
 * What a review save changes, decided without the database: the field-by-field differences written to
 * its history, and the override the input, the result of the answers and the previous override lead to.
 */
import { badInput } from '../errors';
import type { ReviewResult } from './result';
import type { ParsedReviewInput } from './review-input';
import type { Review, ReviewChangeValue, ReviewOverride, ReviewStatus } from './types';

export type Comparable = Pick<Review, 'status' | 'override' | 'scores' | 'overallScore' | 'note' | 'tags'> & { scorecard: string | null };

export const EMPTY: Comparable = { status: 'unreviewed', override: null, scores: {}, overallScore: null, note: '', tags: [], scorecard: null };

/** Field-by-field differences, scores per attribute, so the history reads "tone: 3 → 4". */
export function diff(before: Comparable, after: Comparable): Record<string, ReviewChangeValue> {
  const changes: Record<string, ReviewChangeValue> = {};
  const put = (field: string, from: unknown, to: unknown) => {
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  };
  put('scorecard', before.scorecard, after.scorecard);
  put('status', before.status, after.status);
  put('override', before.override, after.override);
  for (const key of new Set([...Object.keys(before.scores), ...Object.keys(after.scores)])) {
    put(`scores.${key}`, before.scores[key] ?? null, after.scores[key] ?? null);
  }
  put('overall_score', before.overallScore, after.overallScore);
  put('note', before.note, after.note);
  put('tags', before.tags, after.tags);
  return changes;
}

const quoted = (status: ReviewStatus) => `"${status}"`;

function requireComplete(result: ReviewResult, wanted: string): void {
  if (!result.complete) {
    throw badInput(`The review cannot be set to "${wanted}": answer every attribute first (an override is only possible on a complete review).`);
  }
}

/**
 * The override after this save.
 * - `override`: set (on a complete review) or cleared (null).
 * - `status`: the result the auditor means. The one the answers give clears any override; another one is
 *   an override, accepted only with a reason, so one misclick cannot change a pass rate silently.
 * - Neither: the previous override stays (also a legacy one kept by migration 7 on an incomplete review:
 *   only the auditor ends it).
 * Overrides are to pass or fail only: 'unreviewed' and 'in review' follow the answers.
 */
export function resolveOverride(input: ParsedReviewInput, result: ReviewResult, previous: ReviewOverride | null): ReviewOverride | null {
  if (input.override === null) return null;
  if (input.override !== undefined) {
    requireComplete(result, input.override.status);
    return { status: input.override.status, reason: input.override.reason };
  }
  if (input.status === undefined) return previous;
  if (input.status === result.status) return null;
  if (input.status !== 'pass' && input.status !== 'fail') {
    throw badInput(`The review cannot be set to ${quoted(input.status)}: its answers give ${quoted(result.status)}. Clear the answers to start it over.`);
  }
  if (input.reason === undefined) {
    throw badInput(`The answers give ${quoted(result.status)}. Recording ${quoted(input.status)} instead is an override and needs a reason.`);
  }
  requireComplete(result, input.status);
  return { status: input.status, reason: input.reason };
}
