/**
 * Saving a review in the team cache: one transaction, the review and its history row together, committed
 * durably before the call resolves. Saves of one interaction take turns (an advisory lock on its uid,
 * since a review not yet created has no row to lock): each reads the review the previous one committed
 * and patches it, so two auditors saving at once both land, in order, with one history row each, unless
 * a save names the version it started from and the other landed first (refused as 'concurrency'). What
 * the save writes is decided by reviews/review-save.ts, as in every store.
 */
import { badInput } from '../../../errors';
import { parseReviewInput } from '../../../reviews/review-input';
import { planReviewSave, scorecardOfSave } from '../../../reviews/review-save';
import type { Review, ReviewInput } from '../../../reviews/types';
import type { PgContext } from '../pg-context';
import { encodeText } from '../text-codec';
import { readReview, REVIEW_COLUMNS, rowValuesOf } from './review-rows';
import { activeIn, requireVersion } from './scorecards';
import { durableCommit, lockReview, refuseReadOnly } from './writes';

const PLACEHOLDERS = Array.from({ length: 15 }, (_, i) => `$${i + 1}`).join(', ');
const UPSERT = `INSERT INTO reviews (${REVIEW_COLUMNS}) VALUES (${PLACEHOLDERS})
  ON CONFLICT (interaction_uid) DO UPDATE SET status = excluded.status, computed_status = excluded.computed_status,
    override_status = excluded.override_status, override_reason = excluded.override_reason, scorecard_id = excluded.scorecard_id,
    scorecard_version = excluded.scorecard_version, scores = excluded.scores, overall_score = excluded.overall_score,
    note = excluded.note, tags = excluded.tags, reviewer = excluded.reviewer, updated_at = excluded.updated_at,
    version = excluded.version`;
const HISTORY = 'INSERT INTO review_history (interaction_uid, changed_at, reviewer, action, changes) VALUES ($1, $2, $3, $4, $5)';

/**
 * Creates or changes the review of one interaction; a save that changes nothing writes nothing. The
 * reviewer is stored as given (in team mode the service passes the database user's name).
 */
export async function saveReview(ctx: PgContext, input: ReviewInput, now: number): Promise<Review> {
  const parsed = parseReviewInput(input);
  refuseReadOnly(ctx, 'The review cannot be saved');
  return ctx.transaction(async (tx) => {
    await lockReview(tx, parsed.uid);
    // A purge locks reviews against writes while it chooses what to delete (retention/index.ts); reading them
    // would not wait for it, so a save that found its interaction could land after the purge removed it.
    // Taken before that read, this lock makes the save wait for a purge under way, and a purge for saves under way.
    await tx.query('LOCK TABLE reviews IN ROW EXCLUSIVE MODE');
    const [known] = await tx.query('SELECT 1 FROM interactions WHERE uid = $1', [encodeText(parsed.uid)]);
    if (!known) throw badInput(`There is no interaction "${parsed.uid}" in this team cache: it may have been removed.`);
    const existing = await readReview(tx, parsed.uid);
    const wanted = scorecardOfSave(parsed, existing);
    const card = wanted === 'active' ? await activeIn(tx, now) : await requireVersion(tx, wanted.id, wanted.version);
    const plan = planReviewSave(parsed, existing, card, now);
    if (plan === null) return existing!;
    const { review, action, changes } = plan;
    await durableCommit(tx);
    await tx.query(UPSERT, rowValuesOf(review));
    await tx.query(HISTORY, [encodeText(review.uid), now, encodeText(review.reviewer), action, encodeText(JSON.stringify(changes))]);
    return review;
  });
}
