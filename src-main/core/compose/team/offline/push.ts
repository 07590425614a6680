/**
 * Sends the reviews waiting on this computer to the team cache with the version rule of reviews/save: each
 * one its own save (its own transaction there) naming the team's version it started from; after each
 * success this computer records it at once (offline-copy.ts `settle`), so a connection lost midway loses
 * nothing and leaves the rest for the next push. A retry after a drop that came after the team's commit
 * but before that record finds its own review there (same content) and takes it as sent, never as a
 * conflict with itself.
 */
import { AppError, isAppError } from '../../../errors';
import { sameContent } from '../../../reviews/same-content';
import type { Review, ReviewInput } from '../../../reviews/types';
import type { OfflineStore, PendingReview } from '../../../store/offline-copy';
import type { Store } from '../../../store/store';

export type PushOutcome = { kind: 'pushed'; team: Review } | { kind: 'conflict'; theirs: Review };

/** A save that makes the team's review `mine`, on mine's scorecard version (scores the team has and mine lacks are cleared). */
function saveOf(mine: Review, current: Review | null, base: number, reviewer: string): ReviewInput {
  const cleared: Record<string, null> = {};
  if (current && current.scorecardId === mine.scorecardId && current.scorecardVersion === mine.scorecardVersion) {
    for (const key of Object.keys(current.scores)) if (!(key in mine.scores)) cleared[key] = null;
  }
  return {
    uid: mine.uid,
    reviewer,
    baseVersion: base,
    scores: { ...cleared, ...mine.scores },
    note: mine.note,
    tags: [...mine.tags],
    override: mine.override,
    scorecard: { id: mine.scorecardId, version: mine.scorecardVersion },
  };
}

/** Sends one review started from the team's version `base`; `beforeSave` runs just before the save (to record what is sent). */
export async function pushOne(team: Store, reviewer: string, mine: Review, base: number, now: number, beforeSave?: () => Promise<void>): Promise<PushOutcome> {
  const current = await team.getReview(mine.uid);
  let from = base;
  if ((current?.version ?? 0) !== base) {
    if (current && sameContent(current, mine)) return { kind: 'pushed', team: current };
    if (current) return { kind: 'conflict', theirs: current };
    // Removed on the team meanwhile (by the lead): this computer's review makes it again.
    from = 0;
  }
  try {
    await beforeSave?.();
    return { kind: 'pushed', team: await team.saveReview(saveOf(mine, current, from, reviewer), now) };
  } catch (error) {
    // Another auditor saved between the read above and this save.
    if (isAppError(error) && error.kind === 'concurrency' && error.theirs) {
      return sameContent(error.theirs, mine) ? { kind: 'pushed', team: error.theirs } : { kind: 'conflict', theirs: error.theirs };
    }
    throw error;
  }
}

export interface PushRun {
  result: { pushed: number; conflicts: number; left: number };
  /** Why it stopped early or what a review met (null when every review went through or met a conflict). */
  error: AppError | null;
}

export const PUSH_NETWORK_MESSAGE = 'The team cache cannot be reached: your reviews stay on this computer and are sent when it is back.';

export function pushNetworkError(cause?: unknown): AppError {
  return new AppError('network', PUSH_NETWORK_MESSAGE, { cause });
}

/** Records one outcome on this computer. */
export async function recordOutcome(local: OfflineStore, item: PendingReview, outcome: PushOutcome, now: number): Promise<void> {
  if (outcome.kind === 'pushed') await local.offline.settle(item.uid, item.mine, outcome.team);
  else await local.offline.conflict(item.uid, item.mine, outcome.theirs, now);
}

/**
 * A review's push met `error`: unless it is the network's (the review is fine, the way is not) or a save
 * racing another (tried again next time), the team cache refused this review for a reason of its own, and
 * this computer records it so the auditor sees which review waits and why, and may discard it.
 */
export async function recordRefusal(local: OfflineStore, uid: string, error: AppError, now: number): Promise<void> {
  if (error.kind === 'network' || error.kind === 'concurrency') return;
  await local.offline.refuse(uid, error.message, now);
}

/** Tries of one review when the network fails (a dead pooled connection fails one call each). */
const ATTEMPTS = 3;
const isNetwork = (error: unknown) => isAppError(error) && error.kind === 'network';

/**
 * `work`, tried again after a network error: the first calls after the network came back may meet
 * connections the drop left dead in the driver's pool.
 */
export async function retryingNetwork<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isNetwork(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/**
 * The team's version this review now starts from. An earlier push may have sent an older change of it whose
 * save the team committed while the answer was lost: when the team's review is exactly that send (the
 * version after the one it named, the same content), that send counts as done here and this newer change
 * starts from it; else `base` stands.
 */
async function baseAfterEarlierSend(team: Store, local: OfflineStore, item: PendingReview, base: number): Promise<number> {
  const earlier = await local.offline.sending(item.uid);
  if (!earlier || earlier.base !== base || sameContent(earlier.mine, item.mine)) return base;
  const current = await team.getReview(item.uid);
  if (!current || current.version !== base + 1 || !sameContent(current, earlier.mine)) return base;
  await local.offline.settle(item.uid, earlier.mine, current);
  return current.version;
}

/** One review, tried again after a network error; pushOne may be repeated safely (same content = sent). */
export async function pushWithRetry(team: Store, local: OfflineStore, reviewer: string, item: PendingReview, now: number): Promise<PushOutcome> {
  let base = item.base;
  return retryingNetwork(async () => {
    base = await baseAfterEarlierSend(team, local, item, base);
    // Recorded before the save: its answer may be lost after the team committed it.
    return pushOne(team, reviewer, item.mine, base, now, () => local.offline.recordSending(item.uid, base, item.mine));
  });
}

/** Every waiting review, one at a time; stops at the first network failure (the rest wait for the next push). */
export async function pushAll(d: { team: Store; local: OfflineStore; reviewer: string; now: () => number }): Promise<PushRun> {
  const items = await d.local.offline.pending();
  const result = { pushed: 0, conflicts: 0, left: 0 };
  let error: AppError | null = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    try {
      const outcome = await pushWithRetry(d.team, d.local, d.reviewer, item, d.now());
      await recordOutcome(d.local, item, outcome, d.now());
      if (outcome.kind === 'pushed') result.pushed++;
      else result.conflicts++;
    } catch (caught) {
      if (isNetwork(caught)) {
        result.left += items.length - i;
        return { result, error: pushNetworkError(caught) };
      }
      // This review alone cannot go (its interaction removed from the team cache, say): it waits, the others go on.
      result.left++;
      error = isAppError(caught) ? caught : new AppError('storage', caught instanceof Error ? caught.message : String(caught));
      await recordRefusal(d.local, item.uid, error, d.now());
    }
  }
  return { result, error };
}
