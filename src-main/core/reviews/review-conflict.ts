/**
 * Shared reviews are never silently overwritten (issue 19, point 5): a save names the version its edit
 * started from, and when the stored review moved on since, the save is refused with the review as it is
 * now, so the auditor sees it beside their draft and chooses. Decided here, without the database, so
 * every store refuses the same saves; the store calls it inside the save's transaction, after reading the
 * review under its lock.
 */
import { AppError } from '../errors';
import type { ParsedReviewInput } from './review-input';
import type { Review } from './types';

/** Throws 'concurrency' carrying the stored review when it is not the one the edit started from. */
export function refuseStaleBase(input: Pick<ParsedReviewInput, 'baseVersion'>, existing: Review | null): void {
  if (input.baseVersion === undefined) return;
  const stored = existing?.version ?? 0;
  if (stored === input.baseVersion) return;
  throw reviewConflict(existing, input.baseVersion);
}

function reviewConflict(theirs: Review | null, base: number): AppError {
  if (theirs === null) {
    // The base named a review that is gone (removed by the lead or by retention): nothing to show beside the draft.
    return new AppError('concurrency', `The review you were editing (version ${base}) was removed meanwhile. Open the conversation again to start a new one.`);
  }
  const when = new Date(theirs.updatedAt).toISOString().replace('T', ' ').slice(0, 16);
  return new AppError(
    'concurrency',
    `${theirs.reviewer} saved this review at ${when} UTC while you were editing. Your changes were not saved: keep yours or take theirs.`,
    { theirs },
  );
}
