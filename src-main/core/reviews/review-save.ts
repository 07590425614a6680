/**
 * What one review save writes, decided without the database, so every store computes the same review,
 * status and history row: the store reads the existing review and the scorecard version the save uses,
 * and writes what `planReviewSave` returns inside one transaction.
 */
import { effectiveStatus, reviewResult } from './result';
import { refuseStaleBase } from './review-conflict';
import { diff, EMPTY, resolveOverride, type Comparable } from './review-change';
import { applyScores, carryScores, type ParsedReviewInput } from './review-input';
import type { Review, ReviewChange, ReviewChangeValue, Scorecard } from './types';

/**
 * Which scorecard version the save scores with: the one the save names (a review made offline), else the
 * active one for a new review or a rescore, else the version the review already uses.
 */
export function scorecardOfSave(input: ParsedReviewInput, existing: Review | null): 'active' | { id: string; version: number } {
  if (input.scorecard) return input.scorecard;
  if (existing === null || input.rescore === true) return 'active';
  return { id: existing.scorecardId, version: existing.scorecardVersion };
}

export interface ReviewSavePlan {
  review: Review;
  /** The history row's action and field-by-field changes. */
  action: ReviewChange['action'];
  changes: Record<string, ReviewChangeValue>;
}

/**
 * The review after this save and its history entry, or null when the save changes nothing (nothing is
 * written). Throws 'concurrency' when the save's base version is not the stored one (someone else saved
 * meanwhile), 'bad-input' for scores the card refuses or an override it cannot take.
 */
export function planReviewSave(input: ParsedReviewInput, existing: Review | null, card: Scorecard, now: number): ReviewSavePlan | null {
  refuseStaleBase(input, existing);
  const sameCard = existing !== null && existing.scorecardId === card.id && existing.scorecardVersion === card.version;
  const base = existing === null ? {} : sameCard ? existing.scores : carryScores(existing.scores, card);
  const scores = applyScores(base, input.scores, card);
  const note = input.note ?? existing?.note ?? '';
  const tags = input.tags ?? existing?.tags ?? [];
  const result = reviewResult(card, scores, { note, tags });
  const override = resolveOverride(input, result, existing?.override ?? null);
  const after: Comparable = {
    scores,
    overallScore: result.overallScore,
    note,
    tags,
    status: effectiveStatus(result.status, override),
    override,
    scorecard: `${card.id}@${card.version}`,
  };
  const before: Comparable = existing ? { ...existing, scorecard: `${existing.scorecardId}@${existing.scorecardVersion}` } : EMPTY;
  const changes = diff(before, after);
  if (existing && Object.keys(changes).length === 0) return null;
  return {
    review: {
      uid: input.uid,
      status: after.status,
      computedStatus: result.status,
      override,
      scorecardId: card.id,
      scorecardVersion: card.version,
      scores: after.scores,
      overallScore: after.overallScore,
      note: after.note,
      tags: after.tags,
      reviewer: input.reviewer,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      version: (existing?.version ?? 0) + 1,
    },
    action: existing === null ? 'create' : sameCard ? 'update' : 'rescore',
    changes,
  };
}
