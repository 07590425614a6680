/**
 * What a review save changes, decided without the database: the field-by-field differences written to
 * its history and the status the input, the scores and the previous status lead to.
 */
import { badInput } from '../errors';
import type { ParsedReviewInput } from './review-input';
import { failedCriticals } from './scorecard';
import type { Review, ReviewChangeValue, ReviewStatus, Scorecard } from './types';

export type Comparable = Pick<Review, 'status' | 'scores' | 'overallScore' | 'note' | 'tags'> & { scorecard: string | null };

export const EMPTY: Comparable = { status: 'unreviewed', scores: {}, overallScore: null, note: '', tags: [], scorecard: null };

/** Field-by-field differences, scores per attribute, so the history reads "tone: 3 → 4". */
export function diff(before: Comparable, after: Comparable): Record<string, ReviewChangeValue> {
  const changes: Record<string, ReviewChangeValue> = {};
  const put = (field: string, from: unknown, to: unknown) => {
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  };
  put('scorecard', before.scorecard, after.scorecard);
  put('status', before.status, after.status);
  for (const key of new Set([...Object.keys(before.scores), ...Object.keys(after.scores)])) {
    put(`scores.${key}`, before.scores[key] ?? null, after.scores[key] ?? null);
  }
  put('overall_score', before.overallScore, after.overallScore);
  put('note', before.note, after.note);
  put('tags', before.tags, after.tags);
  return changes;
}

/**
 * A failed critical attribute decides the status by itself; a status sent explicitly otherwise wins;
 * without one the previous status stays, except that an unreviewed interaction that gets any content
 * is 'in review'. The app never decides 'pass' on its own: that is the auditor's call.
 */
export function resolveStatus(input: ParsedReviewInput, card: Scorecard, next: Omit<Comparable, 'status' | 'scorecard'>, previous: ReviewStatus): ReviewStatus {
  const failed = failedCriticals(card, next.scores);
  if (failed.length > 0) {
    if (input.status !== undefined && input.status !== 'fail') {
      const names = failed.map((a) => `"${a.name}"`).join(', ');
      throw badInput(`${names} ${failed.length > 1 ? 'are critical attributes' : 'is a critical attribute'} scored as failed: this review can only be "fail".`);
    }
    return 'fail';
  }
  if (input.status !== undefined) return input.status;
  const hasContent = Object.keys(next.scores).length > 0 || next.note !== '' || next.tags.length > 0;
  return previous === 'unreviewed' && hasContent ? 'in review' : previous;
}
