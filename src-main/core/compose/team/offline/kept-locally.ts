/**
 * A review save the team cache could not take because its connection dropped (issue 19's fault "the
 * connection dropped during a save"): kept on this computer and sent by the next push. On an interaction
 * taken offline it is an ordinary save on this computer's copy; on any other, the save goes to the
 * outbox with the review it makes, computed by the same rule the team cache would apply
 * (reviews/review-save.ts) from the review and scorecards the app last read from the team cache.
 */
import type { Handlers, ResultOf } from '../../../api/contract';
import { parseReviewInput } from '../../../reviews/review-input';
import { planReviewSave, scorecardOfSave } from '../../../reviews/review-save';
import type { Review, Scorecard } from '../../../reviews/types';
import type { OfflineStore } from '../../../store/offline-copy';

export type SaveArgs = Parameters<Handlers['reviews/save']>[0];
type ReviewRead = ResultOf<'reviews/get'>;

/** The last reviews the app read from the team cache (what a save kept here is computed from), newest last. */
export class TeamReviewMemo {
  private readonly reads = new Map<string, { review: Review | null; cards: Scorecard[] }>();
  constructor(private readonly limit = 200) {}

  read(uid: string, answer: ReviewRead): void {
    this.put(uid, { review: answer.review, cards: [answer.scorecard, answer.active] });
  }

  saved(review: Review): void {
    const known = this.reads.get(review.uid);
    if (known) this.put(review.uid, { ...known, review });
  }

  get(uid: string) {
    return this.reads.get(uid) ?? null;
  }

  private put(uid: string, value: { review: Review | null; cards: Scorecard[] }) {
    this.reads.delete(uid);
    this.reads.set(uid, value);
    if (this.reads.size > this.limit) this.reads.delete(this.reads.keys().next().value!);
  }
}

/**
 * The review as kept, or null when this computer cannot compute it (the app never read this review from
 * the team cache: the caller then reports the network error as it is).
 */
export async function keepLocally(d: { local: OfflineStore; memo: TeamReviewMemo; reviewer: string; now: number }, args: SaveArgs): Promise<Review | null> {
  const { baseVersion, ...rest } = args;
  if (await d.local.offline.holds(args.uid)) {
    // A copy is here: the save lands on it and waits like any review made offline. The copy may be older
    // than the team's review the auditor saw (her own save there since the take): it catches up first,
    // so her change applies to what she saw and is sent naming that version, never as a conflict with herself.
    const seen = d.memo.get(args.uid)?.review ?? null;
    if (seen && baseVersion !== undefined && seen.version === baseVersion && (await d.local.offline.catchUp(args.uid, seen))) {
      return d.local.saveReview({ ...rest, baseVersion, reviewer: d.reviewer }, d.now);
    }
    return d.local.saveReview({ ...rest, reviewer: d.reviewer }, d.now);
  }
  const known = d.memo.get(args.uid);
  const kept = await d.local.offline.kept(args.uid);
  if (!known && !kept) return null;
  const existing = kept?.mine ?? known?.review ?? null;
  const parsed = parseReviewInput({ ...rest, reviewer: d.reviewer });
  const wanted = scorecardOfSave(parsed, existing);
  const cards = known?.cards ?? [];
  const card =
    wanted === 'active'
      ? (known?.cards[1] ?? null)
      : (cards.find((c) => c.id === wanted.id && c.version === wanted.version) ?? (await d.local.scorecardVersion(wanted.id, wanted.version)));
  if (!card) return null;
  const plan = planReviewSave(parsed, existing, card, d.now);
  if (plan === null) return existing;
  await d.local.offline.keep(args.uid, kept?.base ?? baseVersion ?? known?.review?.version ?? 0, plan.review, d.now);
  return plan.review;
}
