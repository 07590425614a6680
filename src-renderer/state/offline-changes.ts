import type { OfflineStatus } from '../../src-main/core/api/contract';

/**
 * Reviews changed behind the views' back between two statuses: a push sent some to the team cache, a
 * conflict was settled, or a refused review left (discarded). By uid, not by count: one settled and a new
 * one come in the same status count alike.
 */
export function reviewsMoved(before: OfflineStatus | null, next: OfflineStatus): boolean {
  if (before === null) return false;
  const pushed = next.lastPush !== null && next.lastPush.at !== before.lastPush?.at && next.lastPush.result.pushed > 0;
  const still = new Set(next.conflicts.map((c) => c.uid));
  const settled = before.conflicts.some((c) => !still.has(c.uid));
  const stillRefused = new Set(next.refused.map((r) => r.uid));
  const discarded = before.refused.some((r) => !stillRefused.has(r.uid));
  return pushed || settled || discarded;
}
